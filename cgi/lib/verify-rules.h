/*
 * Photo verification (domain.md §13, T3): the method a province asks for,
 * the curtain's mailing address, who must be photographed, what a photo
 * must show, and what still stands between the applicant and the photo
 * review.  Pure functions over the typed order (filing.h).
 */
#ifndef BEIAN_VERIFY_RULES_H
#define BEIAN_VERIFY_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "filing.h"

enum	verify_method {
	VM_CURTAIN = 1,		/* a photo in front of the provider's curtain */
	VM_WHITE = 2,		/* a photo on a plain white background */
	VM_SHANGHAI = 3		/* the Shanghai Communications Administration app */
};

/* "curtain", "white_background", "shanghai_app"; NULL for another value. */
const char	*verify_method_name(int64_t);
bool		 verify_method_parse(const char *, enum verify_method *);
/* The method the rules in force ask for (the registry bounds it). */
enum verify_method verify_method_of(const struct rules *);

/* An administrative division (table region). */
struct	region {
	char	*code;
	char	*name;
	int	 level;			/* 1 province, 2 city, 3 district */
	bool	 mainland;
};

struct	regions {
	struct region	*v;
	size_t		 n;
};

void		 regions_free(struct regions *);
/* The division of that code or that exact name, or NULL. */
const struct region *region_find(const struct regions *, const char *);

/* A curtain's mailing address as typed (codes or names). */
struct	curtain_in {
	const char	*recipient;
	const char	*mobile;
	const char	*province;
	const char	*city;
	const char	*district;
	const char	*street;
	const char	*postcode;
};

/* The divisions it resolved to. */
struct	curtain_out {
	const struct region	*province;
	const struct region	*city;
	const struct region	*district;	/* the city itself where it has
						   no districts */
};

/*
 * The address against the divisions: provinces, the cities of the
 * province given and the districts of the city given (loaded by the
 * caller as it resolves them).  Errors target field (website 0) by the
 * form's key; the first per field counts.  A place outside the mainland
 * is refused with the reason.
 */
void		 curtain_address_check(const struct curtain_in *,
			const struct regions *provinces,
			const struct regions *cities,
			const struct regions *districts,
			struct curtain_out *, struct findings *);

/*
 * One person to photograph: the owner of one or more websites of the
 * order (one ID number, one photo).  The photo lives in the slot of the
 * person's first website.
 */
struct	verify_person {
	const struct website	*first;		/* its slot */
	int64_t			*websites;
	size_t			 nwebsites;
	const struct upload	*photo;		/* the newest, or NULL */
	const struct review_item *rejected;	/* a rejection of that photo */
};

struct	verify_persons {
	struct verify_person	*v;
	size_t			 n;
};

/* The persons of f (read with FP_WEBSITES, FP_UPLOADS and FP_ITEMS). */
void		 verify_persons(const struct filing *, struct verify_persons *);
void		 verify_persons_free(struct verify_persons *);
/*
 * The owners' mobiles, person by person, joined by ",": what the
 * Shanghai app verified, and its code is bound to.
 */
void		 verify_mobiles(const struct verify_persons *, struct buf *);
/* The website whose slot takes a photo of website wid's owner, or 0. */
int64_t		 verify_slot(const struct filing *, int64_t wid);

/* What the image checks measured of a photo (img.h). */
struct	photo_measure {
	unsigned long	 width, height;		/* upright */
	double		 brightness, sharpness;
	double		 border_white, border_blue;	/* percent */
};

/*
 * Does the photo show what the method needs?  Each failure is an error
 * with a fix: size (at least 600 wide and 800 high, upright), exposure
 * and blur (the upload quality thresholds), the backdrop (the border's
 * share of white or of the curtain's blue, setting rows).  Nothing for
 * the Shanghai app, which takes its own photos.
 */
void		 verify_photo_check(const struct rules *, enum verify_method,
			const struct photo_measure *, struct findings *);

/*
 * What still blocks handing the verification to the provider: a person
 * without a photo, a rejected photo not yet replaced, a missing Shanghai
 * code (code_given: the applicant typed one).  Errors target the slot
 * (curtain_photo, the person's first website) or the step
 * "verification".
 */
void		 verify_ready(enum verify_method, const struct verify_persons *,
			bool code_given, struct findings *);

#endif
