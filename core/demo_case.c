/* demo_case.c: one demo report through lp_intake_add() and its history
 * through lp_act_as(), each step at its own time in the last 90 days. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_data.h"
#include "demo_internal.h"
#include "i18n.h"
#include "intake.h"
#include "session.h"
#include "workflow.h"

#define DAYS 90
#define MAX_TEXT 2048

/* ---- texts ---- */

struct vars {
	const char *jalan, *kel, *kota, *nama;
	unsigned n, hari;
};

/* Fills a template's placeholders into a malloc'd string. */
static char *expand(const char *tpl, const struct vars *v)
{
	char out[MAX_TEXT];
	size_t o = 0;
	while (*tpl && o + 1 < sizeof out) {
		char num[16];
		const char *val = NULL;
		size_t skip = 0;
		if (*tpl == '{') {
			if (!strncmp(tpl, "{jalan}", 7))
				val = v->jalan, skip = 7;
			else if (!strncmp(tpl, "{kel}", 5))
				val = v->kel, skip = 5;
			else if (!strncmp(tpl, "{kota}", 6))
				val = v->kota, skip = 6;
			else if (!strncmp(tpl, "{nama}", 6))
				val = v->nama, skip = 6;
			else if (!strncmp(tpl, "{n}", 3))
				snprintf(num, sizeof num, "%u", v->n), val = num, skip = 3;
			else if (!strncmp(tpl, "{hari}", 6))
				snprintf(num, sizeof num, "%u", v->hari), val = num, skip = 6;
		}
		if (val) {
			size_t l = strlen(val);
			if (o + l + 1 > sizeof out)
				break;
			memcpy(out + o, val, l);
			o += l;
			tpl += skip;
		} else {
			out[o++] = *tpl++;
		}
	}
	out[o] = '\0';
	return strdup(out);
}

/* ---- one case ---- */

/* The next step's time: a while after *t, never after now. */
static int64_t later(struct demo *d, int64_t *t)
{
	int64_t span = d->now - *t;
	int64_t gap = span / 5;
	if (gap > 3 * 86400)
		gap = 3 * 86400;
	if (gap < 60)
		gap = 60;
	*t += 60 + (int64_t)(demo_next(d) % (uint64_t)gap);
	if (*t > d->now)
		*t = d->now;
	return *t;
}

static int act(struct demo *d, const struct lp_officer *who, struct lp_action_args *a,
	       int64_t *t)
{
	if (!who)
		return lp_error_set(d->err, LP_EINTERNAL,
				    "demo: no officer for %s on case %" PRId64,
				    lp_action_name(a->action), d->case_id);
	a->case_id = d->case_id;
	lp_session_set_now(d->s, later(d, t));
	int rc = lp_act_as(d->s, who, a, NULL, d->err);
	if (rc != LP_OK) {
		char msg[sizeof d->err->msg];
		lp_strlcpy(msg, d->err ? d->err->msg : "", sizeof msg);
		return lp_error_set(d->err, rc,
				    _("demo case %" PRId64 ", %s by %s: %s"), d->case_id,
				    lp_action_name(a->action), who->login, msg);
	}
	d->stats->events++;
	return LP_OK;
}

static int act_text(struct demo *d, const struct lp_officer *who, enum lp_action action,
		    const char *text, int64_t *t)
{
	struct lp_action_args a;
	memset(&a, 0, sizeof a);
	a.action = action;
	a.text = text;
	return act(d, who, &a, t);
}

/* The officer who triages new reports of agency A. */
static const struct lp_officer *triage(struct demo *d, const char *agency)
{
	if (!strncmp(agency, "31", 2) && (agency[2] == '\0' || agency[2] == '.'))
		return lp_demo_staff(d, "31", LP_ROLE_COORDINATOR);
	if (!strncmp(agency, "32", 2) && (agency[2] == '\0' || agency[2] == '.'))
		return lp_demo_staff(d, "32", LP_ROLE_COORDINATOR);
	return lp_demo_staff(d, "KEMENPANRB", LP_ROLE_ADMIN);
}

static const char *const archive_codes[] = {
	"not_enough_information", "out_of_scope", "duplicate", "spam", "not_our_authority",
};
static const char *const archive_texts[] = {
	"Laporan tidak memuat informasi yang cukup untuk ditindaklanjuti.",
	"Isi laporan bukan pengaduan, aspirasi, atau permintaan informasi.",
	"Laporan yang sama sudah pernah diterima sebelumnya.",
	"Laporan berisi promosi dan tidak berkaitan dengan pelayanan publik.",
	"Permasalahan ini bukan kewenangan instansi pemerintah di LAPOR!.",
};

/* Verified, worked on and maybe answered and closed at agency v. */
static int work(struct demo *d, const struct lp_demo_category *cat, const struct vars *v,
		const char *agency, int64_t *t)
{
	char where[LP_CODE_MAX];
	lp_strlcpy(where, agency, sizeof where);
	const struct lp_officer *k = lp_demo_staff(d, where, LP_ROLE_CLERK);
	const struct lp_officer *sup = lp_demo_staff(d, where, LP_ROLE_SUPERVISOR);
	unsigned r = below(d, 100);
	struct lp_action_args a;
	int rc;

	if (r < 20 || !k || !sup)
		return LP_OK;                                   /* assigned */
	memset(&a, 0, sizeof a);
	if (chance(d, 30)) {
		a.action = LP_ACTION_ASSIGN;
		a.assignee = k->login;
		rc = act(d, sup, &a, t);
	} else {
		a.action = LP_ACTION_CLAIM;
		rc = act(d, k, &a, t);
	}
	if (rc != LP_OK)
		return rc;
	if (!strcmp(where, "31.71") && chance(d, 10)) {
		memset(&a, 0, sizeof a);
		a.action = LP_ACTION_TRANSFER;
		a.agency = "31.71.DISHUB";
		a.text = lp_demo_transfer_texts[0];
		if ((rc = act(d, k, &a, t)) != LP_OK)
			return rc;
		lp_strlcpy(where, "31.71.DISHUB", sizeof where);
		k = lp_demo_staff(d, where, LP_ROLE_CLERK);
		sup = lp_demo_staff(d, where, LP_ROLE_SUPERVISOR);
		memset(&a, 0, sizeof a);
		a.action = LP_ACTION_CLAIM;
		if ((rc = act(d, k, &a, t)) != LP_OK)
			return rc;
	}
	if (cat->notes[0] && chance(d, 35)) {
		char *note = expand(pick(d, cat->notes, 2), v);
		rc = note ? act_text(d, k, LP_ACTION_NOTE, note, t) : LP_EIO;
		free(note);
		if (rc != LP_OK)
			return rc;
	}
	if (chance(d, 3)) {
		memset(&a, 0, sizeof a);
		a.action = LP_ACTION_EXTEND;
		a.days = 3;
		a.text = "Menunggu hasil survei lapangan.";
		if ((rc = act(d, sup, &a, t)) != LP_OK)
			return rc;
	}
	if (chance(d, 7)) {
		const char *why = lp_demo_escalate_texts[below(d, lp_demo_escalate_text_count)];
		if ((rc = act_text(d, k, LP_ACTION_ESCALATE, why, t)) != LP_OK)
			return rc;
	}
	if (r < 40)
		return LP_OK;                                   /* in progress */
	char *reply = expand(pick(d, cat->replies, 3), v);
	rc = reply ? act_text(d, k, LP_ACTION_REPLY, reply, t) : LP_EIO;
	free(reply);
	if (rc != LP_OK || r < 60)
		return rc;                                      /* responded */
	memset(&a, 0, sizeof a);
	a.action = LP_ACTION_CLOSE;
	unsigned q = below(d, 100);
	a.code = q < 60 ? "resolved" : q < 75 ? "partially_resolved" : q < 95 ? "answered" :
		 "not_resolvable";
	a.text = "Tindak lanjut telah disampaikan kepada pelapor.";
	return act(d, sup, &a, t);
}

static const char *postpone_text(struct demo *d)
{
	return lp_demo_postpone_texts[below(d, lp_demo_postpone_text_count)];
}

/* Triage and what follows, for the case just taken in at `agency`. */
static int history(struct demo *d, const struct lp_demo_category *cat, const struct vars *v,
		   const char *agency, int place_ix, int64_t *t)
{
	const struct lp_officer *tri = triage(d, agency);
	struct lp_action_args a;
	unsigned r = below(d, 100);
	int rc;

	memset(&a, 0, sizeof a);
	if (place_ix < 0) {
		/* elsewhere: only the central admins triage; no staff below */
		if (r < 40)
			return LP_OK;
		if (r < 55)
			return act_text(d, tri, LP_ACTION_POSTPONE, postpone_text(d), t);
		if (r < 75) {
			unsigned k = below(d, 5);
			a.action = LP_ACTION_ARCHIVE;
			a.code = archive_codes[k];
			a.text = archive_texts[k];
			return act(d, tri, &a, t);
		}
		a.action = LP_ACTION_VERIFY;
		a.agency = agency;
		return act(d, tri, &a, t);
	}
	if (r < 10) {
		d->open_new[place_ix] = d->case_id;             /* stays new */
		return LP_OK;
	}
	if (r < 16)
		return act_text(d, tri, LP_ACTION_POSTPONE, postpone_text(d), t);
	if (r < 24) {
		unsigned k = below(d, 5);
		a.action = LP_ACTION_ARCHIVE;
		a.code = archive_codes[k];
		a.text = archive_texts[k];
		return act(d, tri, &a, t);
	}
	if (r < 27 && d->open_new[place_ix]) {
		a.action = LP_ACTION_MERGE;
		a.into = d->open_new[place_ix];
		a.text = "Laporan ganda, digabungkan dengan laporan sebelumnya.";
		return act(d, tri, &a, t);
	}
	/* verify: to the placed government, or a unit or ministry */
	const char *target = agency;
	if (!strcmp(cat->slug, "transportasi") && !strcmp(agency, "31.71") && chance(d, 60))
		target = "31.71.DISHUB";
	if (!strcmp(cat->slug, "kesehatan") && chance(d, 25)) {
		target = "KEMENKES";
		tri = lp_demo_staff(d, "KEMENPANRB", LP_ROLE_ADMIN);
	}
	a.action = LP_ACTION_VERIFY;
	a.agency = target;
	if ((rc = act(d, tri, &a, t)) != LP_OK)
		return rc;
	return work(d, cat, v, target, t);
}

/* Writes one report and its history. */
int lp_demo_one_case(struct demo *d, int64_t i)
{
	const struct lp_demo_category *cat = &lp_demo_categories[below(d, lp_demo_category_count)];
	const struct lp_demo_place *place = NULL;
	struct lp_case c;
	struct vars v;
	int place_ix = -1;
	unsigned r = below(d, 100);

	memset(&c, 0, sizeof c);
	memset(&v, 0, sizeof v);
	if (r < 60 || d->n_regions == 0) {
		place_ix = r < 25 ? 0 : r < 45 ? 1 : 2;
		place = &lp_demo_places[place_ix];
		v.jalan = pick(d, place->streets, 6);
		v.kel = pick(d, place->kelurahan, 4);
		v.kota = place->kota;
		lp_strlcpy(c.region, chance(d, 50) ? place->agency : pick(d, place->districts, 4),
			   sizeof c.region);
	} else {
		const struct region *g = &d->regions[below(d, (unsigned)d->n_regions)];
		v.jalan = lp_demo_generic_streets[below(d, lp_demo_generic_street_count)];
		v.kel = lp_demo_generic_kelurahan[below(d, lp_demo_generic_kelurahan_count)];
		v.kota = g->name;
		lp_strlcpy(c.region, g->code, sizeof c.region);
	}
	const char *first = lp_demo_first_names[below(d, lp_demo_first_name_count)];
	const char *last = lp_demo_last_names[below(d, lp_demo_last_name_count)];
	v.nama = first;
	v.n = 2 + below(d, 8);
	v.hari = 3 + below(d, 25);

	snprintf(c.tracking_id, sizeof c.tracking_id, "LPR-%07" PRId64, i + 1);
	unsigned k = below(d, 100);
	c.kind = k < 70 ? LP_KIND_COMPLAINT : k < 90 ? LP_KIND_ASPIRATION :
		 LP_KIND_INFORMATION_REQUEST;
	unsigned ch = below(d, 100);
	c.channel = ch < 35 ? LP_CHANNEL_WEB : ch < 60 ? LP_CHANNEL_APP : ch < 80 ? LP_CHANNEL_SMS :
		    ch < 92 ? LP_CHANNEL_SOCIAL : ch < 96 ? LP_CHANNEL_LETTER : LP_CHANNEL_WALK_IN;
	unsigned p = below(d, 100);
	c.privacy = p < 80 ? LP_PRIVACY_PUBLIC : p < 92 ? LP_PRIVACY_ANONYMOUS : LP_PRIVACY_SECRET;
	lp_strlcpy(c.category, cat->slug, sizeof c.category);
	c.field_check = cat->field_check && chance(d, 40);
	c.priority = chance(d, 6) ? (chance(d, 20) ? 2 : 1) : 0;

	char buf[160];
	if (c.channel != LP_CHANNEL_SMS || chance(d, 50)) {
		snprintf(buf, sizeof buf, "%s %s", first, last);
		c.reporter_name = strdup(buf);
	}
	snprintf(buf, sizeof buf, "08%u%08u", 11 + below(d, 48), below(d, 100000000));
	c.reporter_phone = strdup(buf);
	if (c.channel == LP_CHANNEL_WEB || c.channel == LP_CHANNEL_APP) {
		static const char *const mail[] = { "gmail.com", "yahoo.co.id", "outlook.com" };
		snprintf(buf, sizeof buf, "%s.%s%u@%s", first, last, below(d, 100),
			 mail[below(d, 3)]);
		for (char *q = buf; *q; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q - 'A' + 'a');
		c.reporter_email = strdup(buf);
	}
	unsigned nb = 0;
	while (nb < 3 && cat->bodies[nb])
		nb++;
	unsigned b = below(d, nb);
	c.title = expand(cat->titles[b] ? cat->titles[b] : cat->titles[0], &v);
	c.body = expand(cat->bodies[b], &v);

	int64_t t = d->now - 3600 - (int64_t)(demo_next(d) % (uint64_t)(DAYS * 86400));
	c.submitted_at = t - (int64_t)below(d, 3600);
	lp_session_set_now(d->s, t);
	int rc = (c.title && c.body) ? lp_intake_add(d->s, &c, d->err) : LP_EIO;
	if (rc != LP_OK) {
		lp_case_clear(&c);
		return rc;
	}
	d->stats->cases++;
	d->stats->events++;
	d->case_id = c.id;
	char agency[LP_CODE_MAX];
	lp_strlcpy(agency, c.agency, sizeof agency);
	lp_case_clear(&c);
	return history(d, cat, &v, agency, place_ix, &t);
}
