package optimize

import (
	"fmt"
	"sort"
	"strings"
)

// Method is a minimisation algorithm over the normalised box. The methods
// of this package are ProjectedBFGS, LevenbergMarquardt, CMAES and Auto; MethodByName picks one
// by name with its default settings.
type Method interface {
	// Name is the method's name as MethodByName accepts it.
	Name() string
	// minimize runs the method from st until it converges or r stops it.
	minimize(r *run, st start) (Status, error)
}

// Method names accepted by MethodByName.
const (
	NameProjectedBFGS = "bfgs"
	NameCMAES         = "cmaes"
	NameAuto          = "auto"
	// NameLevenbergMarquardt is the method for least-squares problems.
	NameLevenbergMarquardt = "lm"
)

// DefaultMethodName is the method Minimize uses when given none.
const DefaultMethodName = NameAuto

// MethodNames lists the names MethodByName accepts, sorted.
func MethodNames() []string {
	names := []string{NameProjectedBFGS, NameCMAES, NameAuto, NameLevenbergMarquardt}
	sort.Strings(names)
	return names
}

// MethodByName returns the named method with its default settings.
func MethodByName(name string) (Method, error) {
	switch name {
	case NameProjectedBFGS:
		return &ProjectedBFGS{}, nil
	case NameCMAES:
		return &CMAES{}, nil
	case NameAuto:
		return &Auto{}, nil
	case NameLevenbergMarquardt:
		return &LevenbergMarquardt{}, nil
	}
	return nil, fmt.Errorf("optimize: unknown method %q (known: %s)", name, strings.Join(MethodNames(), ", "))
}
