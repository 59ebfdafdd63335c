package synth

import "math/rand/v2"

// city is a place volunteers live in, with its coordinates.
type city struct {
	name     string
	lat, lon float64
	weight   int // relative population
}

// country is a country of the registry with its share of volunteers, its
// cities, the locale its people use on TrialMatch and its names.
type country struct {
	code   string
	weight int // per mille of volunteers
	locale string
	cities []city
	names  *namePool
}

// countries: a CAR-T registry centred on Türkiye and Kazakhstan, with
// patients from across Europe and Central Asia. The weights add up to 1000.
var countries = []country{
	{"TR", 450, "tr", []city{
		{"İstanbul", 41.01, 28.98, 40}, {"Ankara", 39.93, 32.86, 15}, {"İzmir", 38.42, 27.14, 10},
		{"Bursa", 40.19, 29.06, 7}, {"Antalya", 36.90, 30.70, 6}, {"Adana", 37.00, 35.32, 5},
		{"Konya", 37.87, 32.48, 5}, {"Gaziantep", 37.07, 37.38, 5}, {"Kayseri", 38.73, 35.49, 3},
		{"Samsun", 41.29, 36.33, 3}, {"Trabzon", 41.00, 39.72, 2}, {"Diyarbakır", 37.91, 40.24, 4},
		{"Erzurum", 39.90, 41.27, 2}, {"Eskişehir", 39.78, 30.52, 2}, {"Van", 38.50, 43.38, 2}}, turkish},
	{"KZ", 150, "kk", []city{
		{"Almaty", 43.24, 76.89, 10}, {"Astana", 51.17, 71.45, 8}, {"Shymkent", 42.34, 69.59, 6},
		{"Karaganda", 49.80, 73.10, 3}, {"Aktobe", 50.28, 57.17, 3}, {"Pavlodar", 52.29, 76.97, 2},
		{"Oskemen", 49.95, 82.62, 2}, {"Atyrau", 47.11, 51.88, 2}, {"Kyzylorda", 44.85, 65.51, 2}}, kazakh},
	{"DE", 70, "en", []city{
		{"Berlin", 52.52, 13.40, 10}, {"Hamburg", 53.55, 9.99, 5}, {"München", 48.14, 11.58, 5},
		{"Köln", 50.94, 6.96, 4}, {"Frankfurt am Main", 50.11, 8.68, 3}, {"Stuttgart", 48.78, 9.18, 3},
		{"Leipzig", 51.34, 12.37, 2}, {"Würzburg", 49.79, 9.95, 1}}, german},
	{"ES", 60, "en", []city{
		{"Madrid", 40.42, -3.70, 10}, {"Barcelona", 41.39, 2.17, 8}, {"Valencia", 39.47, -0.38, 4},
		{"Sevilla", 37.39, -5.98, 3}, {"Salamanca", 40.97, -5.66, 1}, {"Bilbao", 43.26, -2.93, 2}}, spanish},
	{"IT", 60, "en", []city{
		{"Roma", 41.90, 12.50, 10}, {"Milano", 45.46, 9.19, 8}, {"Napoli", 40.85, 14.27, 5},
		{"Torino", 45.07, 7.69, 4}, {"Bologna", 44.49, 11.34, 3}, {"Palermo", 38.12, 13.36, 3}}, italian},
	{"FR", 50, "en", []city{
		{"Paris", 48.86, 2.35, 10}, {"Lyon", 45.76, 4.84, 4}, {"Marseille", 43.30, 5.37, 4},
		{"Toulouse", 43.60, 1.44, 3}, {"Lille", 50.63, 3.06, 3}, {"Nantes", 47.22, -1.55, 2}}, french},
	{"PL", 40, "en", []city{
		{"Warszawa", 52.23, 21.01, 8}, {"Kraków", 50.06, 19.94, 5}, {"Wrocław", 51.11, 17.03, 4},
		{"Poznań", 52.41, 16.93, 3}, {"Gdańsk", 54.35, 18.65, 3}}, polish},
	{"NL", 20, "en", []city{
		{"Amsterdam", 52.37, 4.90, 6}, {"Rotterdam", 51.92, 4.48, 4}, {"Utrecht", 52.09, 5.12, 3}}, dutch},
	{"GB", 30, "en", []city{
		{"London", 51.51, -0.13, 12}, {"Manchester", 53.48, -2.24, 4}, {"Birmingham", 52.49, -1.89, 4},
		{"Glasgow", 55.86, -4.25, 2}, {"Leeds", 53.80, -1.55, 2}}, british},
	{"RU", 30, "ru", []city{
		{"Moskva", 55.76, 37.62, 12}, {"Sankt-Peterburg", 59.93, 30.34, 6}, {"Kazan", 55.79, 49.12, 2},
		{"Novosibirsk", 55.03, 82.92, 2}, {"Omsk", 54.99, 73.37, 1}}, russian},
	{"AZ", 20, "ru", []city{
		{"Bakı", 40.41, 49.87, 8}, {"Gəncə", 40.68, 46.36, 2}, {"Sumqayıt", 40.59, 49.67, 1}}, azerbaijani},
	{"UZ", 20, "ru", []city{
		{"Tashkent", 41.30, 69.24, 8}, {"Samarkand", 39.65, 66.96, 3}, {"Bukhara", 39.77, 64.42, 1},
		{"Namangan", 41.00, 71.67, 2}}, uzbek},
}

// countryIndex draws a country by weight.
func countryIndex(r *rand.Rand) int {
	n := r.IntN(1000)
	for i, c := range countries {
		if n < c.weight {
			return i
		}
		n -= c.weight
	}
	return 0
}

func (c *country) city(r *rand.Rand) city {
	total := 0
	for _, ct := range c.cities {
		total += ct.weight
	}
	n := r.IntN(total)
	for _, ct := range c.cities {
		if n < ct.weight {
			return ct
		}
		n -= ct.weight
	}
	return c.cities[0]
}

// travelCountries are where patients of the region go for cell therapy.
var travelCountries = []string{"TR", "DE", "ES", "KZ", "IT", "FR", "GB", "NL"}
