// SPDX-License-Identifier: GPL-2.0-only
/*
 * clocksync on|off: mark the kernel's clock synchronised or not, as an
 * NTP daemon does (adjtimex ADJ_STATUS, STA_UNSYNC). Prints the state
 * adjtimex returns afterwards. "on" also sets a small maximum error, as
 * an NTP daemon does: left at its limit, the kernel marks the clock
 * unsynchronised again at the next second.
 */
#include <stdio.h>
#include <string.h>
#include <sys/timex.h>

int main(int argc, char **argv)
{
	struct timex tx = { .modes = ADJ_STATUS | ADJ_MAXERROR | ADJ_ESTERROR,
			    .maxerror = 1000, .esterror = 100 };
	int state;

	if (argc != 2 || (strcmp(argv[1], "on") && strcmp(argv[1], "off"))) {
		fprintf(stderr, "usage: clocksync on|off\n");
		return 2;
	}
	tx.status = strcmp(argv[1], "on") ? STA_UNSYNC : 0;
	state = adjtimex(&tx);
	if (state < 0) {
		perror("adjtimex");
		return 1;
	}
	printf("%s\n", state == TIME_ERROR ? "unsynced" : "synced");
	return 0;
}
