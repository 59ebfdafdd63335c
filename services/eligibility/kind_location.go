package eligibility

import (
	"math"
	"regexp"
	"slices"
	"strconv"
)

// LocationCriterion is met when the volunteer lives in one of Countries
// and/or within MaxDistanceKm of a site of the trial (both, when both are
// given). The distance is unknown without the volunteer's coordinates or a
// site with coordinates.
type LocationCriterion struct {
	Header
	Countries     []string `json:"countries,omitempty"`
	MaxDistanceKm *float64 `json:"max_distance_km,omitempty"`
}

var countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)

// maxDistanceKm is half the Earth's circumference: farther is everywhere.
const maxDistanceKm = 20040

func (c *LocationCriterion) decode(r *fieldReader) {
	c.Countries = r.stringList("countries", countryPattern.MatchString, "an ISO 3166-1 alpha-2 code such as TR")
	c.MaxDistanceKm = r.floatField("max_distance_km", 0, maxDistanceKm)
	if len(c.Countries) == 0 && c.MaxDistanceKm == nil && !r.reported("countries") && !r.reported("max_distance_km") {
		r.fail("countries", "required", "Give countries, a maximum distance from a site, or both.")
	}
}

func (c *LocationCriterion) evaluate(f *Facts, ctx *EvalContext) judgement {
	allowed := list(c.Countries)
	var parts []judgement
	if len(c.Countries) > 0 {
		switch {
		case f.Country == nil:
			parts = append(parts, judge(maybe, "location.country_missing", "allowed", allowed))
		case slices.Contains(c.Countries, *f.Country):
			parts = append(parts, judge(yes, ""))
		default:
			parts = append(parts, judge(no, "location.country_not_listed", "country", *f.Country, "allowed", allowed))
		}
	}
	params := []string{"country", derefString(f.Country), "allowed", allowed}
	if c.MaxDistanceKm != nil {
		maxKm := formatKm(*c.MaxDistanceKm)
		nearest, ok := nearestSiteKm(f, ctx.Sites)
		switch {
		case f.Latitude == nil || f.Longitude == nil:
			parts = append(parts, judge(maybe, "location.coordinates_missing", "max_distance_km", maxKm))
		case !ok:
			parts = append(parts, judge(maybe, "location.no_site_coordinates", "max_distance_km", maxKm))
		case nearest <= *c.MaxDistanceKm:
			parts = append(parts, judge(yes, ""))
			params = append(params, "distance_km", formatKm(nearest), "max_distance_km", maxKm)
		default:
			parts = append(parts, judge(no, "location.too_far", "distance_km", formatKm(nearest), "max_distance_km", maxKm))
		}
	}
	return firstDecisive(judge(yes, "location.met", params...), parts...)
}

func (c *LocationCriterion) compile(ctx *EvalContext) sqlExpr {
	var parts []sqlExpr
	if len(c.Countries) > 0 {
		parts = append(parts, sqlIn("f.country", c.Countries))
	}
	if c.MaxDistanceKm != nil {
		nearest, ok := sqlNearestSiteKm(ctx.Sites)
		if !ok {
			parts = append(parts, sqlNullBool())
		} else {
			parts = append(parts, sqlf("(%s <= %s)", nearest, sqlFloat(*c.MaxDistanceKm)))
		}
	}
	return sqlAnd(parts...)
}

// prefilter: an included location with countries that is not false has one
// of them, or no known country.
func (c *LocationCriterion) prefilter(*EvalContext) (sqlExpr, bool) {
	if len(c.Countries) == 0 {
		return sqlExpr{}, false
	}
	return sqlf("(f.country IS NULL OR f.country = ANY(%s))", sqlTextArray(c.Countries)), true
}

// DistanceKm is the great-circle (haversine) distance in km. Its SQL twin
// tm_distance_km computes the same operations in the same order; the
// float64() conversions forbid fused multiply-adds, which SQL does not do.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const earthRadiusKm = 6371.0088
	rad := pi / 180 // rounded like PostgreSQL's pi() / 180
	sinLat := math.Sin(float64((lat2-lat1)*rad) / 2)
	sinLon := math.Sin(float64((lon2-lon1)*rad) / 2)
	cosCos := float64(math.Cos(lat1*rad) * math.Cos(lat2*rad))
	a := float64(sinLat*sinLat) + float64(float64(cosCos*sinLon)*sinLon)
	return 2 * earthRadiusKm * math.Asin(math.Sqrt(math.Min(1, a)))
}

// pi is π as a float64 variable, so that pi / 180 rounds at run time.
var pi = math.Pi

// nearestSiteKm is the distance to the nearest site with coordinates; false
// when the volunteer's coordinates or every site's are unknown.
func nearestSiteKm(f *Facts, sites []Site) (float64, bool) {
	if f.Latitude == nil || f.Longitude == nil {
		return 0, false
	}
	nearest, found := math.Inf(1), false
	for _, s := range sites {
		if s.Latitude != nil && s.Longitude != nil {
			nearest, found = math.Min(nearest, DistanceKm(*f.Latitude, *f.Longitude, *s.Latitude, *s.Longitude)), true
		}
	}
	return nearest, found
}

// sqlNearestSiteKm is nearestSiteKm over the facts row: NULL when the row
// has no coordinates; false when no site has coordinates.
func sqlNearestSiteKm(sites []Site) (sqlExpr, bool) {
	var rows []sqlExpr
	for _, s := range sites {
		if s.Latitude != nil && s.Longitude != nil {
			rows = append(rows, sqlf("(%s, %s)", sqlFloat(*s.Latitude), sqlFloat(*s.Longitude)))
		}
	}
	if len(rows) == 0 {
		return sqlExpr{}, false
	}
	return sqlf("(SELECT min(tm_distance_km(f.latitude, f.longitude, s.lat, s.lon)) FROM (VALUES %s) AS s(lat, lon))",
		sqlJoin(", ", rows)), true
}

func formatKm(km float64) string { return strconv.FormatFloat(math.Round(km), 'f', 0, 64) }

func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// NearestSiteKm is the distance from the volunteer to the nearest site with
// coordinates, as the SQL path ranks it; nil when unknown.
func NearestSiteKm(f *Facts, sites []Site) *float64 {
	if d, ok := nearestSiteKm(f, sites); ok {
		return &d
	}
	return nil
}
