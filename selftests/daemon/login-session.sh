# SPDX-License-Identifier: GPL-2.0-only
# Run "$@" as a login shell or a service manager starts a service: in the
# session keyring keyctl made, linked to root's user keyring (where
# common.sh put the device key's master). Not a test: common.sh uses it.
keyctl link @u @s > /dev/null && exec "$@"
