#include "atomicfile.h"
#include "xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void set_err(char *err, const char *what, const char *path, int e)
{
    if (err)
        snprintf(err, ATOMICFILE_ERR_MAX, "cannot %s %s: %s", what, path, strerror(e));
}

int atomicfile_open(struct atomicfile *af, const char *path, char *err)
{
    memset(af, 0, sizeof *af);
    size_t n = strlen(path);
    /* a hidden name so a half-written file never looks like the real one */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    af->tmp_path = xmalloc(n + 16);
    snprintf(af->tmp_path, n + 16, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(af->tmp_path);
    if (fd < 0) {
        set_err(err, "create a file beside", path, errno);
        free(af->tmp_path);
        af->tmp_path = NULL;
        return -1;
    }
    /* mkstemp makes 0600; the output is an ordinary file for the user's umask */
    mode_t um = umask(0);
    umask(um);
    (void)fchmod(fd, 0666 & ~um);
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        int e = errno;
        close(fd);
        unlink(af->tmp_path);
        free(af->tmp_path);
        af->tmp_path = NULL;
        set_err(err, "write", path, e);
        return -1;
    }
    af->path = xstrdup(path);
    return 0;
}

static void release(struct atomicfile *af)
{
    free(af->path);
    free(af->tmp_path);
    memset(af, 0, sizeof *af);
}

void atomicfile_abort(struct atomicfile *af)
{
    if (af->fp)
        fclose(af->fp);
    if (af->tmp_path)
        unlink(af->tmp_path);
    release(af);
}

static void sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    /* best effort: some file systems refuse fsync on a directory */
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

int atomicfile_commit(struct atomicfile *af, char *err)
{
    int e = 0;
    errno = 0;
    if (fflush(af->fp) != 0 || ferror(af->fp))
        e = errno ? errno : EIO;
    if (!e && !af->no_sync && fsync(fileno(af->fp)) != 0)
        e = errno;
    if (fclose(af->fp) != 0 && !e)
        e = errno;
    af->fp = NULL;
    if (!e && rename(af->tmp_path, af->path) != 0)
        e = errno;
    if (e) {
        set_err(err, "write", af->path, e);
        unlink(af->tmp_path);
        release(af);
        return -1;
    }
    if (!af->no_sync)
        sync_dir(af->path);
    release(af);
    return 0;
}

int atomicfile_check_stream(FILE *fp, const char *name, char *err)
{
    errno = 0;
    if (fflush(fp) != 0 || ferror(fp)) {
        set_err(err, "write", name, errno ? errno : EIO);
        return -1;
    }
    return 0;
}
