"""Prints the sandbox image's manifest as JSON: its name, the Python it runs, the curated modules with
their versions, every Python distribution and every Debian package in it.

Runs with the image's own Python (chroot) after the image is trimmed, so it lists what is really
there. No timestamps: the same image gives the same bytes. The runtimes listing of the API reads it.
Usage: manifest.py IMAGE DEBIAN_SUITE MODULE...
"""
import importlib.metadata
import json
import platform
import sys

from purge_list import installed_packages

DIST_PACKAGES = "/usr/lib/python3/dist-packages"
DPKG_INFO = "/var/lib/dpkg/info"


def owning_debian_packages(packages):
    """Top-level module name -> the Debian package that ships it."""
    owners = {}
    for name, fields in packages.items():
        arch = fields.get("Architecture", "all")
        for list_name in (f"{name}.list", f"{name}:{arch}.list"):
            try:
                with open(f"{DPKG_INFO}/{list_name}", encoding="utf-8") as paths:
                    for path in paths:
                        if path.startswith(DIST_PACKAGES + "/"):
                            owners.setdefault(path[len(DIST_PACKAGES) + 1:].split("/")[0], name)
            except FileNotFoundError:
                continue
    return owners


def main():
    image, suite, modules = sys.argv[1], sys.argv[2], sys.argv[3:]
    packages = installed_packages()
    owners = owning_debian_packages(packages)
    distributions_of = importlib.metadata.packages_distributions()
    curated = []
    for module in modules:
        # Some of Debian's egg-info lack top_level.txt; their distribution is named like the module.
        distribution = distributions_of.get(module, [module])[0]
        debian_package = owners[module]
        curated.append({
            "module": module,
            "distribution": distribution,
            "version": importlib.metadata.version(distribution),
            "debian_package": debian_package,
            "debian_version": packages[debian_package]["Version"],
        })
    distributions = {(d.metadata["Name"], d.version) for d in importlib.metadata.distributions()}
    manifest = {
        "image": image,
        "debian_suite": suite,
        "python": {
            "implementation": platform.python_implementation(),
            "version": platform.python_version(),
            "executable": "/usr/bin/python3",
        },
        "curated": curated,
        "python_distributions": [{"name": n, "version": v}
                                 for n, v in sorted(distributions, key=lambda d: d[0].lower())],
        "debian_packages": [{"name": n, "version": packages[n]["Version"],
                             "architecture": packages[n].get("Architecture", "")}
                            for n in sorted(packages)],
    }
    json.dump(manifest, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
