/* intake_read.c: an import's lines read and parsed ahead by a thread
 * (intake_read.h).  A ring of parsed lines between the reading thread
 * (producer) and the importing one (consumer), under one mutex. */
#include "intake_read.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "intake.h"

#define CHUNK (64 * 1024)
#define RING 256 /* lines parsed ahead at most */
/* A producer that found the ring full sleeps until it is half empty, and
 * each side wakes the other only when it sleeps: the two threads then
 * meet once per RING / 2 lines, not once per line (a wake-up costs more
 * than parsing a line). */
#define REFILL (RING / 2)

/* A bounded line reader: never holds more than LP_IMPORT_LINE_MAX + 1
 * bytes of one line, and keeps NUL bytes (the parser reports them). */
struct line_reader {
	FILE *in;
	char chunk[CHUNK];
	size_t pos, end;
	bool eof;
	char *line;
	size_t len, cap;
};

enum { LINE_OK, LINE_EOF, LINE_TOO_LONG, LINE_READ_ERROR, LINE_NOMEM };

struct lp_intake_reader {
	struct line_reader lr;
	struct lp_read_item ring[RING];
	struct lp_read_item eof;   /* handed over after the last line */
	unsigned long head, tail;  /* consumed up to head, produced up to tail */
	bool taken;                /* ring[head % RING] was handed over */
	bool done;                 /* the producer made its last item */
	bool stop;                 /* the consumer wants no more */
	bool threaded;             /* a thread produces (else: on demand) */
	bool producer_waits;       /* the producer sleeps on not_full */
	bool consumer_waits;       /* the consumer sleeps on not_empty */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
};

static int line_append(struct line_reader *r, const char *p, size_t n)
{
	if (r->len + n > LP_IMPORT_LINE_MAX + 1)
		return LINE_TOO_LONG;
	if (r->len + n + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 4096;
		while (cap < r->len + n + 1)
			cap *= 2;
		char *nl = realloc(r->line, cap);
		if (!nl)
			return LINE_NOMEM;
		r->line = nl;
		r->cap = cap;
	}
	memcpy(r->line + r->len, p, n);
	r->len += n;
	r->line[r->len] = '\0';
	return LINE_OK;
}

/* Reads the next line into r->line (r->len bytes, without "\n" or
 * "\r\n").  A line longer than LP_IMPORT_LINE_MAX gives LINE_TOO_LONG
 * as soon as the bound is passed. */
static int line_next(struct line_reader *r)
{
	bool any = false;
	r->len = 0;
	for (;;) {
		if (r->pos == r->end) {
			if (r->eof)
				break;
			r->end = fread(r->chunk, 1, CHUNK, r->in);
			r->pos = 0;
			if (r->end < CHUNK) {
				if (ferror(r->in))
					return LINE_READ_ERROR;
				r->eof = true;
			}
			if (r->end == 0)
				break;
		}
		any = true;
		char *nl = memchr(r->chunk + r->pos, '\n', r->end - r->pos);
		size_t n = nl ? (size_t)(nl - (r->chunk + r->pos)) : r->end - r->pos;
		int rc = line_append(r, r->chunk + r->pos, n);
		if (rc != LINE_OK)
			return rc;
		r->pos += n;
		if (nl) {
			r->pos++;
			break;
		}
	}
	if (!any)
		return LINE_EOF;
	if (r->len > 0 && r->line[r->len - 1] == '\r')
		r->line[--r->len] = '\0';
	if (r->len > LP_IMPORT_LINE_MAX)
		return LINE_TOO_LONG;
	if (!r->line && line_append(r, "", 0) != LINE_OK)
		return LINE_NOMEM;
	return LINE_OK;
}

/* Reads and parses one line into it; false when it is the last item. */
static bool produce(struct line_reader *lr, struct lp_read_item *it)
{
	int rc = line_next(lr);
	it->err_no = errno;
	switch (rc) {
	case LINE_EOF:
		it->kind = LP_READ_EOF;
		return false;
	case LINE_TOO_LONG:
		it->kind = LP_READ_TOO_LONG;
		return false;
	case LINE_READ_ERROR:
		it->kind = LP_READ_ERROR;
		return false;
	case LINE_NOMEM:
		it->kind = LP_READ_NOMEM;
		return false;
	default:
		break;
	}
	if (lp_intake_line_blank(lr->line, lr->len)) {
		it->kind = LP_READ_BLANK;
		return true;
	}
	if (lp_intake_parse_line(lr->line, lr->len, &it->line, it->why, sizeof it->why) < 0) {
		it->kind = LP_READ_BAD;
		return false; /* the import stops at the first bad line */
	}
	it->kind = LP_READ_LINE;
	return true;
}

static void *producer(void *arg)
{
	struct lp_intake_reader *r = arg;
	for (bool more = true; more;) {
		pthread_mutex_lock(&r->mu);
		if (r->tail - r->head >= RING && !r->stop) {
			r->producer_waits = true;
			while (r->tail - r->head > REFILL && !r->stop)
				pthread_cond_wait(&r->not_full, &r->mu);
			r->producer_waits = false;
		}
		bool stop = r->stop;
		pthread_mutex_unlock(&r->mu);
		if (stop)
			break;
		/* The slot at tail is the producer's until tail moves on. */
		more = produce(&r->lr, &r->ring[r->tail % RING]);
		pthread_mutex_lock(&r->mu);
		r->tail++;
		r->done = !more;
		if (r->consumer_waits)
			pthread_cond_signal(&r->not_empty);
		pthread_mutex_unlock(&r->mu);
	}
	return NULL;
}

int lp_intake_reader_start(FILE *in, struct lp_intake_reader **out)
{
	struct lp_intake_reader *r = calloc(1, sizeof *r);
	*out = NULL;
	if (!r)
		return -1;
	r->lr.in = in;
	r->eof.kind = LP_READ_EOF;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->not_empty, NULL);
	pthread_cond_init(&r->not_full, NULL);
	r->threaded = pthread_create(&r->thread, NULL, producer, r) == 0;
	*out = r;
	return 0;
}

struct lp_read_item *lp_intake_reader_next(struct lp_intake_reader *r)
{
	pthread_mutex_lock(&r->mu);
	if (r->taken) {
		lp_intake_line_clear(&r->ring[r->head % RING].line);
		r->head++;
		r->taken = false;
		if (r->producer_waits && r->tail - r->head <= REFILL)
			pthread_cond_signal(&r->not_full);
	}
	if (!r->threaded && r->head == r->tail && !r->done) {
		r->done = !produce(&r->lr, &r->ring[r->tail % RING]);
		r->tail++;
	}
	while (r->head == r->tail && !r->done) {
		r->consumer_waits = true;
		pthread_cond_wait(&r->not_empty, &r->mu);
		r->consumer_waits = false;
	}
	struct lp_read_item *it = &r->eof;
	if (r->head < r->tail) {
		it = &r->ring[r->head % RING];
		r->taken = true;
	}
	pthread_mutex_unlock(&r->mu);
	return it;
}

void lp_intake_reader_stop(struct lp_intake_reader *r)
{
	if (!r)
		return;
	pthread_mutex_lock(&r->mu);
	r->stop = true;
	pthread_cond_signal(&r->not_full);
	pthread_mutex_unlock(&r->mu);
	if (r->threaded)
		pthread_join(r->thread, NULL);
	for (unsigned long i = r->head; i < r->tail; i++)
		lp_intake_line_clear(&r->ring[i % RING].line);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->not_empty);
	pthread_cond_destroy(&r->not_full);
	free(r->lr.line);
	free(r);
}
