# cached_venv NAME REQUIREMENT: prints the directory of a Python virtual environment that has REQUIREMENT
# (pinned, e.g. schemathesis==4.32.5), made once under ~/.cache/integr8scode/venvs/NAME and kept. Debian's
# python3 needs python3-venv (ensurepip) to make one; it is installed when missing. Needs infra/lib/packages.sh.
cached_venv() {
  local dir="${I8S_VENV_CACHE:-$HOME/.cache/integr8scode/venvs}/$1"
  if [ ! -f "$dir/.installed" ]; then
    /usr/bin/python3 -c 'import ensurepip' 2>/dev/null || missing_packages+=(python3-venv)
    install_missing >&2
    rm -rf "$dir"
    /usr/bin/python3 -m venv "$dir" >&2
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$2" >&2
    touch "$dir/.installed"
  fi
  echo "$dir"
}
