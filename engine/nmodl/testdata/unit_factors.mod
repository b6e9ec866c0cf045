: unit factors whose values are compared with nocmodl (synaptune test text)
NEURON { SUFFIX uf }
UNITS {
  F1 = (faraday) (coulomb)
  F2 = (faraday) (kilocoulombs)
  F3 = (faraday) (coulombs)
  R1 = (k-mole) (joule/degC)
  R2 = (k-mole) (joule/kelvin)
  E1 = (e) (coulombs)
  P1 = (pi) (1)
  M1 = (mole) (1)
  K1 = (k) (joule/degC)
  FR = (faraday) (coul)
  C1 = (micron) (cm)
  C2 = (millimole/liter) (mole/liter)
  C3 = (1/ms) (1/s)
}
ASSIGNED { x }
BREAKPOINT { x = F1 + F2 + F3 + R1 + R2 + E1 + P1 + M1 + K1 + FR + C1 + C2 + C3 }
