#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check a netlink spec against the kernel's schema and the uapi header.

  netlink_spec.py KERNEL_SOURCE SPEC.yaml > check.c

Loads SPEC with the kernel's own spec library (tools/net/ynl/lib), which
validates it against Documentation/netlink/<protocol>.yaml, then prints a
C program that, compiled against include/uapi and run, prints "not ok"
for every name of the spec whose value the header does not give, and
exits non-zero. A spec that does not load fails here, with the reason.
"""
import os
import sys


def c_name(*parts):
    return '_'.join(p for p in parts if p).upper().replace('-', '_')


def checks(family):
    """(C name, expected value as C) for each name of the spec."""
    yield c_name(family.yaml['c-family-name']), '"%s"' % family.name
    yield c_name(family.yaml['c-version-name']), str(family.yaml['version'])
    for const in family.consts.values():
        if const['type'] == 'const':
            yield c_name(const['name']), str(const['value'])
        else:
            prefix = const.yaml.get('name-prefix', '')
            for entry in const.entries.values():
                # a flags set's entries are bits: 1 << the entry's index
                yield c_name(prefix + entry.name), str(entry.user_value())
    for attr_set in family.attr_sets.values():
        prefix = attr_set.yaml['name-prefix']
        for attr in attr_set.attrs.values():
            yield c_name(prefix + attr.name), str(attr.value)
        # and none missing: the header's last is the spec's
        yield c_name(prefix + 'max'), str(max(a.value for a in
                                              attr_set.attrs.values()))
    prefix = family.yaml['operations']['name-prefix']
    for op in family.msgs.values():
        yield c_name(prefix + op.name), str(op.value)
    yield c_name(prefix + 'max'), str(max(op.value for op in
                                          family.msgs.values()))


def main():
    ksrc, spec = sys.argv[1], sys.argv[2]
    sys.path.insert(0, os.path.join(ksrc, 'tools/net/ynl/lib'))
    from nlspec import SpecFamily
    with open(spec) as f:
        protocol = next(line.split(':')[1].strip() for line in f
                        if line.startswith('protocol:'))
    schema = os.path.join(ksrc, 'Documentation/netlink', protocol + '.yaml')
    family = SpecFamily(spec, schema)
    print('#include <stdio.h>\n#include <string.h>\n'
          '#include <linux/%s>\n' % family.yaml['uapi-header'].split('/')[-1])
    print('int main(void)\n{\n\tint bad = 0;\n')
    for name, want in checks(family):
        same = ('!strcmp(%s, %s)' if want.startswith('"')
                else '(%s) == (%s)') % (name, want)
        print('\tif (!(%s)) {\n\t\tprintf("# %s is not %s in the header\\n");'
              '\n\t\tbad = 1;\n\t}' % (same, name, want.replace('"', '\\"')))
    print('\treturn bad;\n}')


if __name__ == '__main__':
    main()
