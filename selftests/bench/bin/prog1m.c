// SPDX-License-Identifier: GPL-2.0-only
/*
 * The benchmark's program: 1 MiB of code and data that exits at once, so
 * that execve costs the kernel's work on the file and nothing else.
 */
#define SIZE (1 << 20)

__attribute__((used)) static const char pad[SIZE - 4096] = { 1 };

void _start(void)
{
	__asm__ volatile("mov $60, %eax\n\txor %edi, %edi\n\tsyscall");
}
