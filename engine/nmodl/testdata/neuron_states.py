"""Write neuron_states.golden: 20 fixed steps of the gates.mod channel
integrated by NEURON 8.2.2 with METHOD derivimplicit (suffix gdi) and with
METHOD cnexp (suffix gcn), at a constant membrane potential.

Usage (from an empty directory, with Debian's NEURON installed):
    sed 's/SUFFIX gates/SUFFIX gdi/; s/METHOD cnexp/METHOD derivimplicit/' gates.mod > gdi.mod
    sed 's/SUFFIX gates/SUFFIX gcn/' gates.mod > gcn.mod
    nrnivmodl
    /usr/bin/python3 neuron_states.py > neuron_states.golden

The channel's conductance is set to 0, so no current flows and v stays
where it is put after finitialize; each line is
"mechanism step m h v" with the values in C99 hexadecimal.
"""
from neuron import h

out = []
for mech in ["gdi", "gcn"]:
    s = h.Section(name="s_" + mech)
    s.insert(mech)
    seg = s(0.5)
    setattr(seg, "gbar_" + mech, 0)
    setattr(h, "usetable_" + mech, 0)
    h.celsius = 6.3
    h.dt = 0.025
    h.finitialize(-65)
    seg.v = -20
    for i in range(20):
        h.fadvance()
        out.append("%s %d %s %s %s" % (mech, i, getattr(seg, "m_" + mech).hex(),
                                        getattr(seg, "h_" + mech).hex(), seg.v.hex()))
    h.delete_section(sec=s)
print("\n".join(out))
