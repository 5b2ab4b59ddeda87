"""Prints the installed packages a script has no use for, as "STAGE PACKAGE" lines.

Runs with the image's own Python (chroot) against the image's dpkg database. Keeps the dependency
closure of the roots (the packages the image is defined by plus the Essential set), following
Depends and Pre-Depends, but never into a dropped package: what is reachable only through a
dropped package (scipy's build-time compiler pythran pulls in gcc, g++ and boost headers) goes
too. Stages say the removal order: maintainer scripts of stage 0 packages call tools of stage 1
(invoke-rc.d, debconf), and every script calls dpkg's update-alternatives, which goes alone in stage 2.
Usage: purge_list.py --keep PKG... --drop PKG...
"""
import argparse
import re

STATUS = "/var/lib/dpkg/status"


def installed_packages(path=STATUS):
    packages = {}
    with open(path, encoding="utf-8") as status:
        for stanza in status.read().split("\n\n"):
            fields = dict(re.findall(r"^([\w-]+): ?(.*)$", stanza, re.MULTILINE))
            if fields.get("Status", "").endswith(" installed"):
                packages[fields["Package"]] = fields
    return packages


def alternatives(field):
    """'a (>= 1) | b:any, c' -> [['a', 'b'], ['c']]"""
    return [[re.sub(r"[\s(:].*", "", choice.strip()) for choice in group.split("|")]
            for group in field.split(",") if group.strip()]


def providers(packages):
    provided = {}
    for name, fields in packages.items():
        provided.setdefault(name, []).append(name)
        for group in alternatives(fields.get("Provides", "")):
            provided.setdefault(group[0], []).append(name)
    return provided


def closure(packages, roots, dropped):
    provided = providers(packages)
    keep, todo = set(), [root for root in roots if root in packages and root not in dropped]
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        fields = packages[name]
        for group in alternatives(fields.get("Pre-Depends", "") + "," + fields.get("Depends", "")):
            candidates = [p for choice in group for p in provided.get(choice, []) if p not in dropped]
            if candidates and not any(c in keep for c in candidates):
                todo.append(candidates[0])
    return keep


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", nargs="*", default=[])
    parser.add_argument("--drop", nargs="*", default=[])
    args = parser.parse_args()
    packages = installed_packages()
    essential = [n for n, f in packages.items() if f.get("Essential") == "yes"]
    keep = closure(packages, args.keep + essential, set(args.drop))
    missing = [name for name in args.keep if name not in keep]
    if missing:
        raise SystemExit(f"wanted packages not installed or dropped: {' '.join(missing)}")
    tooling = closure(packages, essential + ["apt", "debconf"], set())
    for name in sorted(packages.keys() - keep):
        print(2 if name == "dpkg" else 1 if name in tooling else 0, name)


if __name__ == "__main__":
    main()
