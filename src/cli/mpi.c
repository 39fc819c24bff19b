/* mpi.c -- output buffers, and `dyad code --mpi`: every rank reads the same
 * input and cuts it into the same batches; batch k is coded by rank k mod N
 * (the pipeline's stride and offset); rank 0 receives and writes them in
 * input order (or each rank writes its own file with --mpi-split). */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>

void dyad__cli_buf_put(buf *b, const char *s, size_t n) {
    if (b->oom || !n) return;
    if (b->cap - b->n < n) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->n < n) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) { b->oom = 1; return; }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

void dyad__cli_buf_printf(buf *b, const char *fmt, ...) {
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k > 0) dyad__cli_buf_put(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

#ifdef DYAD_MPI
#include <mpi.h>
#define MPI_CHUNK (1 << 30)
void dyad__cli_mpi_init(mpi_state *m) {
    MPI_Init(NULL, NULL);
    MPI_Comm_rank(MPI_COMM_WORLD, &m->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &m->size);
}

int dyad__cli_mpi_finish(int status) {
    int all = status;
    MPI_Allreduce(&status, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    MPI_Finalize();
    return all;
}

static void mpi_send_bytes(const char *p, size_t n, int tag) {
    for (size_t off = 0; off < n; off += MPI_CHUNK) {
        size_t k = n - off < MPI_CHUNK ? n - off : MPI_CHUNK;
        MPI_Send(p + off, (int)k, MPI_CHAR, 0, tag, MPI_COMM_WORLD);
    }
}
static void mpi_recv_bytes(buf *b, size_t n, int from, int tag) {
    b->p = malloc(n ? n : 1);
    b->cap = n ? n : 1;
    if (!b->p) { fprintf(stderr, "dyad code: out of memory\n"); MPI_Abort(MPI_COMM_WORLD, EXIT_NOMEM); }
    for (size_t off = 0; off < n; off += MPI_CHUNK) {
        size_t k = n - off < MPI_CHUNK ? n - off : MPI_CHUNK;
        MPI_Recv(b->p + off, (int)k, MPI_CHAR, from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    b->n = n;
}
void dyad__cli_mpi_send_batch(buf *bo, buf *be, unsigned long long cnt[4], unsigned long long no) {
    int tag = (int)(no % 32000);
    unsigned long long hdr[6] = {bo->n, be->n, cnt[0], cnt[1], cnt[2], cnt[3]};
    MPI_Send(hdr, 6, MPI_UNSIGNED_LONG_LONG, 0, tag, MPI_COMM_WORLD);
    mpi_send_bytes(bo->p, bo->n, tag);
    mpi_send_bytes(be->p, be->n, tag);
}
void dyad__cli_mpi_recv_batch(buf *bo, buf *be, unsigned long long cnt[4], int from, unsigned long long no) {
    int tag = (int)(no % 32000);
    unsigned long long hdr[6];
    MPI_Recv(hdr, 6, MPI_UNSIGNED_LONG_LONG, from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    mpi_recv_bytes(bo, (size_t)hdr[0], from, tag);
    mpi_recv_bytes(be, (size_t)hdr[1], from, tag);
    for (int i = 0; i < 4; i++) cnt[i] = hdr[2 + i];
}
#else
/* unreachable: --mpi is refused without MPI */
void dyad__cli_mpi_init(mpi_state *m) { (void)m; abort(); }
int dyad__cli_mpi_finish(int status) { (void)status; abort(); }
void dyad__cli_mpi_send_batch(buf *bo, buf *be, unsigned long long cnt[4], unsigned long long no) {
    (void)bo; (void)be; (void)cnt; (void)no;
    abort();
}
void dyad__cli_mpi_recv_batch(buf *bo, buf *be, unsigned long long cnt[4], int from, unsigned long long no) {
    (void)bo; (void)be; (void)cnt; (void)from; (void)no;
    abort();
}
#endif
