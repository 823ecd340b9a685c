#!/bin/sh
# Install the Debian packages named in the given lists (one a line, "#" starts a comment).
# The Dockerfile and .ci/run both run this, so the image installs what CI tested.
set -eu
packages=$(sed -e 's/#.*//' "$@" | tr -s ' \t\n' ' ')
apt-get update
# shellcheck disable=SC2086  # the names are to be split into words
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages
