# SPDX-License-Identifier: GPL-2.0-only
#
# camsec: security framework for IoT smart video cameras.
#
#   make deps     install the Debian packages camsec needs
#                 (scripts/install-deps.sh)
#   make image    the firmware image (kernel, signed EROFS root, boot
#                 initramfs, data partition, OTP) of KVER, VARIANT and
#                 ARCH (x86_64, arm or arm64) (scripts/build-firmware.sh)
#   make run      boot that image in QEMU: the camera's console login, and
#                 its remote management at 127.0.0.1:TLS_PORT (8443)
#                 (scripts/run-vm.sh --firmware)
#   make image BOARD=orangepi-pc, make run BOARD=orangepi-pc
#                 the A/B camera on the Allwinner H3 (ARCH arm): an SD card
#                 that U-Boot boots, dm-verity roots (scripts/build-sdcard.sh)
#   make check    unit tests, fuzz targets, host checks, lint, the VM suites
#                 and the product suites on x86_64 6.1-debug, arm 6.1 (and
#                 the Allwinner H3) and arm64 6.12
#                 (scripts/run-checks.sh; SUITE=name runs one suite alone);
#                 each stage's time goes to build/timings.md
#   make unit     host unit tests under ASan and UBSan, and nothing else
#                 (scripts/run-unit-tests.sh)
#   make fuzz     every libFuzzer target for FUZZ_SECONDS (default 10)
#                 (scripts/run-fuzz.sh)
#   make lint     checkpatch, sparse and W=1 on the kernel code
#                 (scripts/lint-kernel.sh)
#   make modules KDIR=<kernel build or headers>   build kmod/ for a kernel
#   make graft KSRC=<kernel source>               graft the LSM into a tree
#   make kernel KVER=6.1 VARIANT=debug ARCH=arm   build one cached kernel
#   make bench    benchmarks in the VM (KVER, ARCH, plain kernel), ratios printed
#                 (BENCH=bench/nf.sh runs one); with BOARD=orangepi-pc, the
#                 boot time dm-verity adds on the A/B card (bench/boot.py)
#   make sbom     build/camsec.spdx.json: the SPDX 2.3 bill of materials of
#                 the programs, kmod/, the LSM and the libraries they link
#   make hardening CONFIG=<.config>   check a kernel config for shipping

KVER ?= 6.1
VARIANT ?= plain
ARCH ?= x86_64
BOARD ?=
SUITE ?=
# make run: this host's port for the camera's remote management (TLS)
TLS_PORT ?= 8443
BENCH ?= bench
FUZZ_SECONDS ?=
S := scripts

all: userspace sbom

deps:
	$(S)/install-deps.sh

kernel:
	$(S)/build-kernel.sh $(KVER) $(VARIANT) $(ARCH)

modules:
	@test -n "$(KDIR)" || { echo "set KDIR to a kernel build tree or headers"; exit 1; }
	$(S)/build-modules.sh $(KDIR) build/modules $(ARCH)

graft:
	@test -n "$(KSRC)" || { echo "set KSRC to a kernel source tree"; exit 1; }
	$(S)/graft-lsm.sh $(KSRC)

userspace:
	$(MAKE) -C userspace

unit:
	$(S)/run-unit-tests.sh

fuzz:
	$(S)/run-fuzz.sh $(FUZZ_SECONDS)

lint:
	$(S)/build-kernel.sh 6.1 debug x86_64 && $(S)/build-kernel.sh 6.1 plain arm && \
		$(S)/build-kernel.sh 6.12 plain arm64
	$(S)/lint-kernel.sh x86_64-6.1-debug arm-6.1-plain arm64-6.12-plain

check:
	$(S)/run-checks.sh $(SUITE)

ifeq ($(BOARD),orangepi-pc)
image:
	$(S)/build-sdcard.sh $(KVER) $(VARIANT)

run:
	fw=$$($(S)/build-sdcard.sh $(KVER) $(VARIANT)) && \
	$(S)/run-vm.sh --firmware $$fw --board orangepi-pc --tls-port $(TLS_PORT)

bench:
	cards=$$($(S)/build-bench-cards.sh $(KVER) $(VARIANT)) && \
	selftests/bench/boot.py $$cards $$($(S)/build-sdcard.sh $(KVER) $(VARIANT))
else
image:
	$(S)/build-firmware.sh $(KVER) $(VARIANT) $(ARCH)

run:
	fw=$$($(S)/build-firmware.sh $(KVER) $(VARIANT) $(ARCH)) && \
	$(S)/run-vm.sh --firmware $$fw --tls-port $(TLS_PORT)

bench:
	img=$$($(S)/build-vm-image.sh $(KVER) plain $(ARCH)) && \
	disks=$$($(S)/build-bench-disks.sh | sed 's/^/--disk /') && \
	$(S)/run-vm.sh --kernel $$img/kernel --initrd $$img/initramfs.cpio.gz \
		--check $(BENCH) --timeout 1800 $$disks
endif

sbom: userspace
	@mkdir -p build
	$(S)/make-sbom.sh -o build/camsec.spdx.json userspace/build

hardening:
	@test -n "$(CONFIG)" || { echo "set CONFIG to a kernel .config"; exit 1; }
	$(S)/check-hardening.sh $(CONFIG)

clean:
	$(MAKE) -C userspace clean
	rm -rf build

.PHONY: all deps kernel modules graft userspace unit fuzz lint check image run bench \
	clean sbom hardening
