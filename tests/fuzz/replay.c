/*
 * Replays a fuzz target's corpus without libFuzzer, so that `make check`
 * (gcc, ASan + UBSan) runs every input ever found.  The corpus folder is
 * $FUZZ_CORPUS/<program name without "fuzz-">, or the arguments.
 * Prints "N passed, 0 failed": a crash aborts the process instead.
 */
#include <dirent.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int
replay_file(const char *path)
{
	FILE		*f;
	unsigned char	*p = NULL;
	size_t		 n = 0, cap = 0, got;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		return 1;
	}
	do {
		if (n == cap) {
			cap = cap == 0 ? 4096 : cap * 2;
			if ((p = realloc(p, cap)) == NULL)
				abort();
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(p, n);
	free(p);
	return 0;
}

int
main(int argc, char *argv[])
{
	char		 dir[4096], path[8192], *name, *base;
	const char	*root = getenv("FUZZ_CORPUS");
	DIR		*d;
	struct dirent	*de;
	size_t		 done = 0;
	int		 i, bad = 0;

	if (argc > 1) {
		for (i = 1; i < argc; i++, done++)
			bad += replay_file(argv[i]);
		printf("%zu passed, %d failed\n", done - (size_t)bad, bad);
		return bad != 0;
	}
	name = strdup(argv[0]);
	base = basename(name);
	if (strncmp(base, "fuzz-", 5) == 0)
		base += 5;
	snprintf(dir, sizeof(dir), "%s/%s", root != NULL ? root :
	    "tests/fuzz/corpus", base);
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "replay: no corpus at %s\n", dir);
		free(name);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		bad += replay_file(path);
		done++;
	}
	closedir(d);
	free(name);
	if (done == 0) {
		fprintf(stderr, "replay: empty corpus at %s\n", dir);
		return 1;
	}
	printf("%zu passed, %d failed\n", done - (size_t)bad, bad);
	return bad != 0;
}
