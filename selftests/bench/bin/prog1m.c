// SPDX-License-Identifier: GPL-2.0-only
/*
 * The benchmark's program: 1 MiB of code and data that exits at once, so
 * that execve costs the kernel's work on the file and nothing else.
 */
#define SIZE (1 << 20)

__attribute__((used)) static const char pad[SIZE - 4096] = { 1 };

/* exit(0) without libc, in each architecture's system call convention. */
void _start(void)
{
#if defined(__x86_64__)
	__asm__ volatile("mov $60, %eax\n\txor %edi, %edi\n\tsyscall");
#elif defined(__aarch64__)
	__asm__ volatile("mov x8, #93\n\tmov x0, #0\n\tsvc #0");
#elif defined(__arm__)
	__asm__ volatile("mov r7, #1\n\tmov r0, #0\n\tsvc #0");
#else
#error "prog1m: no exit system call for this architecture"
#endif
}
