// SPDX-License-Identifier: GPL-2.0-only
/*
 * capture IFACE SECONDS FILE [READY]: every frame seen on IFACE for
 * SECONDS, appended raw to FILE (a packet capture without tcpdump). READY,
 * if given, is created once the socket is listening.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL) };
	static char frame[65536];
	time_t end;
	int sk, out;

	if (argc < 4) {
		fprintf(stderr, "usage: capture IFACE SECONDS FILE [READY]\n");
		return 2;
	}
	sll.sll_ifindex = (int)if_nametoindex(argv[1]);
	sk = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	out = open(argv[3], O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (!sll.sll_ifindex || sk < 0 || out < 0 ||
	    bind(sk, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("capture");
		return 1;
	}
	if (argc > 4)
		close(open(argv[4], O_WRONLY | O_CREAT, 0600));
	end = time(NULL) + atoi(argv[2]);
	while (time(NULL) < end) {
		struct pollfd pfd = { .fd = sk, .events = POLLIN };
		ssize_t n;

		if (poll(&pfd, 1, 200) != 1)
			continue;
		n = recv(sk, frame, sizeof(frame), 0);
		if (n > 0 && write(out, frame, (size_t)n) != n)
			return 1;
	}
	return 0;
}
