/*
 * Replays fuzz inputs without libFuzzer: calls LLVMFuzzerTestOneInput once for every regular
 * file in the directories (or files) named on the command line. Linked with one harness
 * (fuzz/fuzz_*.c) by `make test-fuzz-replay`. Prints "N passed, N failed" (a failing input
 * aborts, which the caller reports); exits 0 when every input ran. Without arguments it replays
 * fuzz/corpus/FUZZ_TARGET (the harness's checked-in corpus; run from the repository root).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    long len;
    uint8_t *buf;
    if (f == NULL)
        return 0;
    if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return 0;
    }
    buf = malloc(len > 0 ? (size_t)len : 1);
    if (buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        fclose(f);
        return 0;
    }
    fclose(f);
    if (getenv("FUZZ_REPLAY_VERBOSE") != NULL)
        fprintf(stderr, "replay: %s\n", path);
    LLVMFuzzerTestOneInput(buf, (size_t)len);
    free(buf);
    return 1;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    int i, ran = 0, bad = 0;
#ifdef FUZZ_TARGET
    static char *dflt[] = { NULL, "fuzz/corpus/" FUZZ_TARGET, NULL };
    if (argc < 2) {
        dflt[0] = argv[0];
        argv = dflt;
        argc = 2;
    }
#endif
    for (i = 1; i < argc; i++) {
        struct stat st;
        DIR *dir;
        struct dirent *de;
        char **names = NULL;
        size_t n = 0, cap = 0, k;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: cannot stat %s\n", argv[i]);
            bad++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            ran += run_file(argv[i]);
            continue;
        }
        dir = opendir(argv[i]);
        if (dir == NULL) {
            bad++;
            continue;
        }
        while ((de = readdir(dir)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                names = realloc(names, cap * sizeof *names);
                if (names == NULL)
                    abort();
            }
            names[n] = malloc(strlen(argv[i]) + strlen(de->d_name) + 2);
            if (names[n] == NULL)
                abort();
            sprintf(names[n], "%s/%s", argv[i], de->d_name);
            n++;
        }
        closedir(dir);
        qsort(names, n, sizeof *names, cmp);
        for (k = 0; k < n; k++) {
            if (stat(names[k], &st) == 0 && S_ISREG(st.st_mode)) {
                if (run_file(names[k]))
                    ran++;
                else
                    bad++;
            }
            free(names[k]);
        }
        free(names);
    }
    printf("%d passed, %d failed\n", ran, bad);
    return bad != 0;
}
