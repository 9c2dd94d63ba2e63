#!/usr/bin/env bash
# Install (or upgrade, or remove) the Box office bundle on a Linux kiosk. Run from the unpacked tarball:
#
#   sudo ./install.sh                       install or upgrade into /opt/boxoffice, menu entry, `boxoffice` command
#   sudo ./install.sh --kiosk-user taquilla  ... and start it full screen when that user logs in
#   sudo ./install.sh --uninstall            remove the program (the terminal's data and config stay)
#
# Options: --prefix DIR (default /opt/boxoffice), --no-deps (do not apt-get the OS libraries).
# Upgrading replaces only the program; the database, config and logs live in each user's profile and the app
# migrates the database when it starts (a backup first; a failed migration leaves the old database untouched).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX=/opt/boxoffice
KIOSK_USER=""
DEPS=1
UNINSTALL=0

# Debian/Ubuntu packages with the OS libraries the bundle uses but does not carry (display, fonts, printing,
# D-Bus, TLS; see packaging/boxoffice.spec). scripts/build checks that this list covers them.
OS_PACKAGES=(libc6 libgcc-s1 zlib1g libgl1 libegl1 libopengl0 libglx0 libglvnd0 libfontconfig1 libfreetype6
             libexpat1 libpng16-16 libbrotli1 fonts-dejavu-core libglib2.0-0 libpcre2-8-0 libdbus-1-3 libsystemd0
             libcap2 libgcrypt20 libgpg-error0 liblz4-1 libzstd1 liblzma5 libcups2 libavahi-client3
             libavahi-common3 libgnutls30 libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libcom-err2
             libkeyutils1 libp11-kit0 libnettle8 libhogweed6 libgmp10 libidn2-0 libunistring2 libtasn1-6 libffi8
             libssl3 libx11-6 libx11-xcb1 libxau6 libxdmcp6 libbsd0 libmd0 libxcb1 libxcb-cursor0 libxcb-glx0
             libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0
             libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon0
             libxkbcommon-x11-0)

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
say() { printf 'boxoffice install: %s\n' "$*"; }
die() { printf 'boxoffice install: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX="${2:?--prefix needs a folder}"; shift 2 ;;
        --kiosk-user) KIOSK_USER="${2:?--kiosk-user needs a user name}"; shift 2 ;;
        --no-deps) DEPS=0; shift ;;
        --uninstall) UNINSTALL=1; shift ;;
        -h|--help) usage 0 ;;
        *) printf 'unknown option %s\n\n' "$1" >&2; usage 2 ;;
    esac
done

[ "$(id -u)" -eq 0 ] || die "run as root (sudo $0 $*)"
case "$PREFIX" in /*) ;; *) die "--prefix must be an absolute path, got $PREFIX" ;; esac
[ "$PREFIX" != "/" ] || die "--prefix / would replace the whole system"

BIN_LINK=/usr/local/bin/boxoffice
DESKTOP_FILE=/usr/share/applications/boxoffice.desktop
ICON_FILE=/usr/share/icons/hicolor/scalable/apps/boxoffice.svg

autostart_file() {  # the kiosk user's autostart entry
    local home
    home="$(getent passwd "$1" | cut -d: -f6)"
    [ -n "$home" ] || die "no such user: $1"
    printf '%s/.config/autostart/boxoffice-kiosk.desktop\n' "$home"
}

if [ "$UNINSTALL" -eq 1 ]; then
    rm -rf -- "$PREFIX"
    [ -L "$BIN_LINK" ] && rm -f -- "$BIN_LINK"
    rm -f -- "$DESKTOP_FILE" "$ICON_FILE"
    if [ -n "$KIOSK_USER" ]; then rm -f -- "$(autostart_file "$KIOSK_USER")"; fi
    say "removed $PREFIX; each user's data (database, config, logs) is kept"
    exit 0
fi

[ -x "$HERE/boxoffice/boxoffice" ] || die "run this from the unpacked tarball (no boxoffice/boxoffice beside it)"

install_os_packages() {
    if ! command -v apt-get >/dev/null 2>&1; then
        say "not Debian/Ubuntu: make sure the equivalents of these are installed: ${OS_PACKAGES[*]}"
        return 0
    fi
    local wanted=() pkg
    for pkg in "${OS_PACKAGES[@]}"; do
        # Debian 13 renamed some libraries (libssl3t64, libcups2t64 ...): take whichever name exists.
        if ! apt-cache show "$pkg" >/dev/null 2>&1 && apt-cache show "${pkg}t64" >/dev/null 2>&1; then
            pkg="${pkg}t64"
        fi
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || wanted+=("$pkg")
    done
    [ ${#wanted[@]} -eq 0 ] && return 0
    say "installing OS libraries: ${wanted[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${wanted[@]}"
}
[ "$DEPS" -eq 1 ] && install_os_packages

# Copy beside the old version, then swap: a failed copy never leaves half a program behind.
NEW="$PREFIX.new.$$"
rm -rf -- "$NEW"
mkdir -p "$(dirname "$PREFIX")"
cp -a "$HERE/boxoffice" "$NEW"
if [ -e "$PREFIX" ]; then
    OLD="$PREFIX.old.$$"
    mv -- "$PREFIX" "$OLD"
    mv -- "$NEW" "$PREFIX"
    rm -rf -- "$OLD"
    say "upgraded $PREFIX"
else
    mv -- "$NEW" "$PREFIX"
    say "installed $PREFIX"
fi

mkdir -p "$(dirname "$BIN_LINK")" "$(dirname "$DESKTOP_FILE")" "$(dirname "$ICON_FILE")"
ln -sfn "$PREFIX/boxoffice" "$BIN_LINK"
sed "s#/opt/boxoffice/boxoffice#$PREFIX/boxoffice#g" "$HERE/boxoffice.desktop" > "$DESKTOP_FILE"
install -m 0644 "$HERE/boxoffice.svg" "$ICON_FILE"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true

if [ -n "$KIOSK_USER" ]; then
    AUTOSTART="$(autostart_file "$KIOSK_USER")"
    install -d -o "$KIOSK_USER" -g "$(id -gn "$KIOSK_USER")" "$(dirname "$AUTOSTART")"
    sed "s#/opt/boxoffice/boxoffice#$PREFIX/boxoffice#g" "$HERE/boxoffice-kiosk.desktop" > "$AUTOSTART"
    chown "$KIOSK_USER:$(id -gn "$KIOSK_USER")" "$AUTOSTART"
    say "kiosk: $KIOSK_USER starts the box office full screen at login ($AUTOSTART)"
fi

VERSION="$("$PREFIX/boxoffice" --version 2>/dev/null || true)"
say "done: ${VERSION:-boxoffice}. Next, as the user who sells: boxoffice doctor, then boxoffice pair (INSTALLING.md)"
