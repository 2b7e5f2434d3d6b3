// SPDX-License-Identifier: GPL-2.0-only
/*
 * clocksync on|off: mark the kernel's clock synchronised or not, as an
 * NTP daemon does (adjtimex ADJ_STATUS, STA_UNSYNC). Prints the state
 * adjtimex returns afterwards.
 */
#include <stdio.h>
#include <string.h>
#include <sys/timex.h>

int main(int argc, char **argv)
{
	struct timex tx = { .modes = ADJ_STATUS };
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
