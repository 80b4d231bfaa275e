/* demo_data.h: the word lists and text templates of the demo generator
 * (Indonesian).  All strings are static.  Templates hold placeholders
 * that demo.c fills: {jalan} a street, {kel} a kelurahan, {kota} the
 * city, {n} a small number, {hari} a number of days, {nama} the
 * reporter's first name. */
#ifndef LAPOR_DEMO_DATA_H
#define LAPOR_DEMO_DATA_H

#include "model.h"

/* A category with its texts. */
struct lp_demo_category {
	const char *slug;              /* stored category, e.g. "jalan-rusak" */
	bool field_check;              /* settlement usually needs a field check */
	const char *titles[4];         /* titles[i] goes with bodies[i]; NULL-terminated */
	const char *bodies[3];
	const char *replies[3];        /* public answers */
	const char *notes[2];          /* internal notes */
};

extern const struct lp_demo_category lp_demo_categories[];
extern const unsigned lp_demo_category_count;

/* A demo agency with staff: where its reports come from. */
struct lp_demo_place {
	const char *agency;            /* "31.71" */
	const char *kota;              /* "Jakarta Pusat" */
	const char *streets[6];
	const char *kelurahan[4];
	const char *districts[4];      /* deeper area codes inside it ("31.71.01") */
};

extern const struct lp_demo_place lp_demo_places[];
extern const unsigned lp_demo_place_count;

/* Streets and kelurahan for reports from elsewhere. */
extern const char *const lp_demo_generic_streets[];
extern const unsigned lp_demo_generic_street_count;
extern const char *const lp_demo_generic_kelurahan[];
extern const unsigned lp_demo_generic_kelurahan_count;

/* People. */
extern const char *const lp_demo_first_names[];
extern const unsigned lp_demo_first_name_count;
extern const char *const lp_demo_last_names[];
extern const unsigned lp_demo_last_name_count;

/* Texts of the workflow steps. */
extern const char *const lp_demo_postpone_texts[];
extern const unsigned lp_demo_postpone_text_count;
extern const char *const lp_demo_escalate_texts[];
extern const unsigned lp_demo_escalate_text_count;
extern const char *const lp_demo_transfer_texts[];
extern const unsigned lp_demo_transfer_text_count;

/* A demo officer: login, full name, agency, role. */
struct lp_demo_officer {
	const char *login;
	const char *name;
	const char *agency;
	enum lp_role role;
};

extern const struct lp_demo_officer lp_demo_officers[];
extern const unsigned lp_demo_officer_count;

#endif
