#!/usr/bin/env bash
# The subgraphs' base image, assembled without a container engine and without a registry:
#   layer 1  the Debian 12 (bookworm) packages pinned in base-packages.txt (downloaded from
#            deb.debian.org, SHA-256 checked, unpacked with dpkg-deb; their control files in
#            /var/lib/dpkg/status.d/ so that image scanners see them), /etc/passwd and /etc/group with
#            the user oms (1000:1000, as in deploy/k8s), /tmp
#   layer 2  /opt/java: a Java runtime linked with jlink from the JDK that runs this script
#            (JAVA_HOME, 21 or newer), with its class-data-sharing archive
# written as a docker-archive tarball (`docker save` format, gzipped layers) that Jib reads as
# `tar://…` and `docker load`/`podman load` accept. Every timestamp is the epoch and every owner
# numeric, so the same inputs give the same bytes.
#
#   deploy/images/base-image.sh                  build target/images/oms-java-base.tar unless it is
#                                                up to date with its inputs (this script, the pins, the
#                                                JDK); the details in target/images/oms-java-base.txt
#   deploy/images/base-image.sh --update-pins    (on Debian 12, after apt-get update) pin the mirror's
#                                                current versions of the packages in base-packages.txt
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PINS="$HERE/base-packages.txt"
OUT="${OMS_BASE_IMAGE_DIR:-$ROOT/target/images}"
TAR="$OUT/oms-java-base.tar"
DEB_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/oms/debs"
APP_USER=oms APP_UID=1000 APP_GID=1000
# what Spring Boot, Netty, R2DBC/JDBC, JMX, JFR and the diagnostic tools (jcmd) need; java.se is every
# Java SE module (java.desktop for java.beans, java.sql, java.naming, java.management, ...)
JAVA_MODULES=(java.se jdk.unsupported jdk.crypto.ec jdk.crypto.cryptoki jdk.zipfs jdk.naming.dns jdk.net
  jdk.charsets jdk.localedata jdk.management jdk.management.agent jdk.management.jfr jdk.jfr jdk.jcmd)

die() { echo "base-image: $*" >&2; exit 1; }

pins() { grep -v '^[[:space:]]*\(#\|$\)' "$PINS"; }

update_pins() {
  command -v apt-get >/dev/null && grep -qx 'VERSION_CODENAME=bookworm' /etc/os-release \
    || die "--update-pins needs Debian 12 (bookworm) with apt"
  local name _ tmp version line
  tmp="$(mktemp)"
  grep '^#' "$PINS" >"$tmp"
  while read -r name _; do
    version="$(apt-cache show --no-all-versions "$name" | awk '/^Version:/ {print $2; exit}')"
    [ -n "$version" ] || die "apt knows no package $name (apt-get update?)"
    line="$(apt-get download --print-uris "$name=$version")"
    # 'URL' file size SHA256:hash
    read -r url _ _ sha <<<"$line"
    url="${url//\'/}"
    echo "$name $version ${url/#http:/https:} ${sha#SHA256:}" >>"$tmp"
  done < <(pins)
  mv "$tmp" "$PINS"
  echo "pinned:"; pins | awk '{print "  " $1 " " $2}'
}

[ "${1:-}" = "--update-pins" ] && { update_pins; exit 0; }
[ $# -eq 0 ] || die "usage: $0 [--update-pins]"

JDK="${JAVA_HOME:-}"
[ -n "$JDK" ] || JDK="$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /nonexistent)")")")"
[ -x "$JDK/bin/jlink" ] && [ -f "$JDK/release" ] || die "no JDK with jlink at '$JDK': set JAVA_HOME to a JDK 21+"
JAVA_VERSION="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$JDK/release")"
JAVA_RUNTIME="$(sed -n 's/^IMPLEMENTOR_VERSION="\(.*\)"$/\1/p' "$JDK/release")"
[ -n "$JAVA_RUNTIME" ] || JAVA_RUNTIME="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$JDK/release")"
[ "${JAVA_VERSION%%.*}" -ge 21 ] 2>/dev/null || die "the JDK at $JDK is $JAVA_VERSION: 21 or newer is needed"
for tool in dpkg-deb sha256sum gzip tar flock; do
  command -v "$tool" >/dev/null || die "$tool is needed (Debian: apt-get install dpkg coreutils gzip tar util-linux)"
done

download() { # url file: curl, or Node's fetch (Node is needed for the router anyway)
  if command -v curl >/dev/null; then
    curl -fsSL --retry 3 -o "$2" "$1"
  else
    node -e 'fetch(process.argv[1]).then(async (r) => { if (!r.ok) throw new Error(`${r.status} ${r.url}`);
      require("fs").writeFileSync(process.argv[2], Buffer.from(await r.arrayBuffer())); })
      .catch((e) => { console.error(e.message); process.exit(1); })' "$1" "$2"
  fi
}

KEY="$(cat "$0" "$PINS" "$JDK/release" | sha256sum | cut -c1-64)"
mkdir -p "$OUT" "$DEB_CACHE"
exec 9>"$OUT/.base-image.lock"
flock 9
if [ -f "$TAR" ] && [ "$(cat "$OUT/oms-java-base.key" 2>/dev/null)" = "$KEY" ]; then
  exit 0
fi

echo "base-image: assembling $TAR (Debian 12 packages + $JAVA_RUNTIME)" >&2
WORK="$OUT/base-image.work"
rm -rf "$WORK" "$OUT/oms-java-base.key"
mkdir -p "$WORK/os" "$WORK/java/opt" "$WORK/archive/layers"
OS="$WORK/os"

# --- layer 1: the Debian packages -----------------------------------------------------------------
PACKAGES=()
while read -r name version url sha; do
  deb="$DEB_CACHE/$sha.deb"
  if [ ! -f "$deb" ]; then
    download "$url" "$deb.part" \
      || die "could not download $name $version from $url: if the mirror has moved on, run $0 --update-pins on Debian 12"
    echo "$sha  $deb.part" | sha256sum -c --quiet - || { rm -f "$deb.part"; die "$url does not have the pinned SHA-256"; }
    mv "$deb.part" "$deb"
  fi
  [ "$(dpkg-deb -f "$deb" Package)" = "$name" ] && [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] \
    || die "$deb is not $name $version"
  dpkg-deb -x "$deb" "$OS"
  mkdir -p "$OS/var/lib/dpkg/status.d" "$WORK/control/$name"
  dpkg-deb -e "$deb" "$WORK/control/$name"
  { cat "$WORK/control/$name/control"; } >"$OS/var/lib/dpkg/status.d/$name"
  [ -f "$WORK/control/$name/md5sums" ] && cp "$WORK/control/$name/md5sums" "$OS/var/lib/dpkg/status.d/$name.md5sums"
  PACKAGES+=("$name=$version")
done < <(pins)
[ ${#PACKAGES[@]} -gt 0 ] || die "no packages in $PINS"

# documentation, manuals and translations are not needed at run time; the copyright files stay
find "$OS/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete 2>/dev/null || true
find "$OS/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
rm -rf "$OS/usr/share/man" "$OS/usr/share/info" "$OS/usr/share/lintian" "$OS/usr/share/locale" "$OS/usr/share/menu"

mkdir -p "$OS/etc" "$OS/tmp" "$OS/home/$APP_USER" "$OS/root"
chmod 1777 "$OS/tmp"
chmod 0700 "$OS/root"
cat >"$OS/etc/passwd" <<EOF
root:x:0:0:root:/root:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
$APP_USER:x:$APP_UID:$APP_GID:$APP_USER:/home/$APP_USER:/usr/sbin/nologin
EOF
cat >"$OS/etc/group" <<EOF
root:x:0:
nogroup:x:65534:
$APP_USER:x:$APP_GID:
EOF
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n' \
  >"$OS/etc/nsswitch.conf"

# --- layer 2: the Java runtime --------------------------------------------------------------------
AVAILABLE="$("$JDK/bin/java" --list-modules | sed 's/@.*//')"
MODULES=()
for module in "${JAVA_MODULES[@]}"; do
  grep -qx "$module" <<<"$AVAILABLE" && MODULES+=("$module")
done
MODULE_LIST="$(IFS=,; echo "${MODULES[*]}")"
# modules uncompressed (faster class loading, and the gzipped layer is smaller than with --compress);
# the class-data-sharing archive for heaps under 32 GiB only (the subgraphs' limit is 640 MiB)
"$JDK/bin/jlink" --add-modules "$MODULE_LIST" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$WORK/java/opt/java" >/dev/null \
  || die "jlink failed"
rm -f "$WORK/java/opt/java/lib/server/classes_nocoops.jsa"
"$WORK/java/opt/java/bin/java" -Xshare:on -version >/dev/null 2>&1 || die "the linked runtime does not start"

# --- layers, configuration, manifest --------------------------------------------------------------
# layer_tar DIR OUT [PATH:UID:GID ...]: a reproducible tar of DIR (sorted, epoch times, owner 0:0
# except the listed paths)
layer_tar() {
  local dir="$1" out="$2" spec; shift 2
  local special=() path
  for spec in "$@"; do special+=("${spec%%:*}"); done
  (cd "$dir" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort \
    | grep -vxF -f <(printf '%s\n' "${special[@]:-}") \
    | tar --create --file="$out" --no-recursion --verbatim-files-from --files-from=- \
        --format=gnu --mtime=@0 --owner=0 --group=0 --numeric-owner)
  for spec in "$@"; do
    IFS=: read -r path uid gid <<<"$spec"
    (cd "$dir" && tar --append --file="$out" --no-recursion --format=gnu --mtime=@0 \
        --owner="$uid" --group="$gid" --numeric-owner "$path")
  done
}
layer_tar "$OS" "$WORK/os.tar" "home/$APP_USER:$APP_UID:$APP_GID"
layer_tar "$WORK/java" "$WORK/java.tar"

DIFF_IDS=() LAYER_FILES=()
for layer in os java; do
  DIFF_IDS+=("sha256:$(sha256sum "$WORK/$layer.tar" | cut -c1-64)")
  gzip -n -6 <"$WORK/$layer.tar" >"$WORK/$layer.tar.gz"
  blob="layers/$(sha256sum "$WORK/$layer.tar.gz" | cut -c1-64).tar.gz"
  mv "$WORK/$layer.tar.gz" "$WORK/archive/$blob"
  LAYER_FILES+=("$blob")
done

PACKAGE_LIST="$(IFS=' '; echo "${PACKAGES[*]}")"
TAG="oms/java-base:${JAVA_VERSION}-bookworm"
EPOCH="1970-01-01T00:00:00Z"
CONFIG_JSON="$(cat <<EOF
{"architecture":"amd64","os":"linux","created":"$EPOCH","config":{"User":"$APP_UID:$APP_GID","Env":["PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"Labels":{"org.opencontainers.image.base.name":"$TAG","oms.base.debian":"bookworm $PACKAGE_LIST","oms.base.java":"$JAVA_RUNTIME"}},"rootfs":{"type":"layers","diff_ids":["${DIFF_IDS[0]}","${DIFF_IDS[1]}"]},"history":[{"created":"$EPOCH","created_by":"deploy/images/base-image.sh: Debian 12 packages $PACKAGE_LIST; user $APP_USER $APP_UID:$APP_GID; /tmp"},{"created":"$EPOCH","created_by":"deploy/images/base-image.sh: jlink $JAVA_RUNTIME --add-modules $MODULE_LIST"}]}
EOF
)"
CONFIG_SHA="$(printf '%s' "$CONFIG_JSON" | sha256sum | cut -c1-64)"
printf '%s' "$CONFIG_JSON" >"$WORK/archive/$CONFIG_SHA.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s","%s"]}]' \
  "$CONFIG_SHA" "$TAG" "${LAYER_FILES[0]}" "${LAYER_FILES[1]}" >"$WORK/archive/manifest.json"
(cd "$WORK/archive" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort \
  | tar --create --file="$TAR.part" --no-recursion --files-from=- --format=gnu --mtime=@0 \
      --owner=0 --group=0 --numeric-owner)
mv "$TAR.part" "$TAR"

cat >"$OUT/oms-java-base.txt" <<EOF
image    $TAG (ID sha256:$CONFIG_SHA)
debian   bookworm: $PACKAGE_LIST
java     $JAVA_RUNTIME (jlink: $MODULE_LIST)
user     $APP_USER $APP_UID:$APP_GID
EOF
echo "$KEY" >"$OUT/oms-java-base.key"
rm -rf "$WORK"
echo "base-image: wrote $TAR ($TAG, ID sha256:$CONFIG_SHA)" >&2
