package synth

import (
	"math/rand/v2"
	"strings"
)

// namePool holds a country's common given names (by sex) and family names.
// Where family names are gendered (-ov/-ova, -ski/-ska), female forms are
// made from the male ones.
type namePool struct {
	male, female, family []string
	feminize             func(string) string
}

func slavicFeminine(s string) string {
	for _, suffix := range []string{"ov", "ev", "in", "yov"} {
		if strings.HasSuffix(s, suffix) {
			return s + "a"
		}
	}
	return s
}

func polishFeminine(s string) string {
	for _, suffix := range []string{"ski", "cki", "dzki"} {
		if strings.HasSuffix(s, suffix) {
			return strings.TrimSuffix(s, "i") + "a"
		}
	}
	return s
}

var (
	turkish = &namePool{
		male: []string{"Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Murat", "Emre", "Yusuf",
			"Ömer", "Burak", "Can", "Kerem", "Eymen", "Emir", "Mert", "Efe", "Arda", "Deniz"},
		female: []string{"Ayşe", "Fatma", "Zeynep", "Elif", "Emine", "Hatice", "Merve", "Zehra", "Esra", "Büşra",
			"Defne", "Asel", "Ecrin", "Nehir", "Azra", "Eylül", "Selin", "Yağmur", "Derya", "Gül"},
		family: []string{"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
			"Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat", "Erdoğan"},
	}
	kazakh = &namePool{
		male: []string{"Nursultan", "Arman", "Yerlan", "Daulet", "Askar", "Bauyrzhan", "Nurlan", "Alikhan", "Aidos",
			"Temirlan", "Dias", "Sanzhar", "Alibek", "Yerassyl", "Madi"},
		female: []string{"Aigerim", "Dana", "Aruzhan", "Aizhan", "Madina", "Gulnara", "Saule", "Zhanar", "Ainur",
			"Dilnaz", "Kamila", "Tomiris", "Akbota", "Aliya", "Assel"},
		family: []string{"Nurlanov", "Zhakupov", "Tokayev", "Abenov", "Serikov", "Bekov", "Omarov", "Suleimenov",
			"Iskakov", "Akhmetov", "Sadykov", "Kassymov", "Zhumabayev", "Ospanov", "Baimukhanov"},
		feminize: slavicFeminine,
	}
	german = &namePool{
		male:   []string{"Lukas", "Leon", "Finn", "Jonas", "Paul", "Felix", "Maximilian", "Thomas", "Michael", "Andreas", "Stefan"},
		female: []string{"Emma", "Mia", "Hannah", "Lena", "Lea", "Sophie", "Anna", "Julia", "Sabine", "Claudia", "Katrin"},
		family: []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch"},
	}
	spanish = &namePool{
		male:   []string{"Hugo", "Martín", "Lucas", "Mateo", "Daniel", "Alejandro", "Javier", "Carlos", "José", "Manuel"},
		female: []string{"Lucía", "Sofía", "Martina", "María", "Paula", "Julia", "Carmen", "Laura", "Elena", "Ana"},
		family: []string{"García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín"},
	}
	italian = &namePool{
		male:   []string{"Leonardo", "Francesco", "Alessandro", "Lorenzo", "Matteo", "Giuseppe", "Marco", "Luca", "Andrea", "Giovanni"},
		female: []string{"Sofia", "Giulia", "Aurora", "Alice", "Ginevra", "Francesca", "Chiara", "Sara", "Valentina", "Giorgia"},
		family: []string{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"},
	}
	french = &namePool{
		male:   []string{"Gabriel", "Louis", "Raphaël", "Jules", "Adam", "Lucas", "Nicolas", "Julien", "Pierre", "Thomas"},
		female: []string{"Jade", "Louise", "Emma", "Alice", "Chloé", "Léa", "Camille", "Manon", "Marie", "Inès"},
		family: []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"},
	}
	polish = &namePool{
		male:     []string{"Jan", "Antoni", "Jakub", "Szymon", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Marcin", "Michał"},
		female:   []string{"Zuzanna", "Julia", "Maja", "Zofia", "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Magdalena", "Ewa"},
		family:   []string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak"},
		feminize: polishFeminine,
	}
	dutch = &namePool{
		male:   []string{"Daan", "Sem", "Lucas", "Levi", "Finn", "Jan", "Pieter", "Bram", "Thijs", "Ruben"},
		female: []string{"Emma", "Julia", "Mila", "Tess", "Sophie", "Anna", "Sanne", "Lotte", "Fleur", "Eva"},
		family: []string{"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer"},
	}
	british = &namePool{
		male:   []string{"Oliver", "George", "Harry", "Noah", "Jack", "Leo", "James", "William", "Thomas", "David"},
		female: []string{"Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Emily", "Sarah", "Charlotte"},
		family: []string{"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson"},
	}
	russian = &namePool{
		male:     []string{"Aleksandr", "Dmitriy", "Maksim", "Sergey", "Andrey", "Aleksey", "Artyom", "Ivan", "Mikhail", "Nikita"},
		female:   []string{"Anastasiya", "Mariya", "Anna", "Viktoriya", "Yekaterina", "Natalya", "Olga", "Sofiya", "Polina", "Darya"},
		family:   []string{"Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasilyev", "Petrov", "Sokolov", "Mikhaylov", "Novikov", "Fyodorov"},
		feminize: slavicFeminine,
	}
	azerbaijani = &namePool{
		male:     []string{"Elvin", "Rauf", "Kamran", "Tural", "Orkhan", "Farid", "Rashad", "Murad", "Nijat", "Ali"},
		female:   []string{"Leyla", "Aysel", "Gunel", "Nigar", "Sevinj", "Aytan", "Narmin", "Fidan", "Lala", "Zahra"},
		family:   []string{"Mammadov", "Aliyev", "Huseynov", "Hasanov", "Guliyev", "Ismayilov", "Abbasov", "Rzayev", "Babayev", "Jafarov"},
		feminize: slavicFeminine,
	}
	uzbek = &namePool{
		male:     []string{"Timur", "Jasur", "Sardor", "Bekzod", "Aziz", "Rustam", "Shoxrux", "Doniyor", "Otabek", "Javohir"},
		female:   []string{"Dilnoza", "Malika", "Nilufar", "Gulnoza", "Madina", "Sevara", "Zarina", "Shahnoza", "Feruza", "Nodira"},
		family:   []string{"Karimov", "Rakhimov", "Yusupov", "Abdullayev", "Tashkentov", "Mirzayev", "Usmonov", "Nazarov", "Saidov", "Ergashev"},
		feminize: slavicFeminine,
	}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// Name returns the demo identity of volunteer i: a given and a family name
// common in the volunteer's country, fitting the volunteer's sex (the same
// country and sex as Profile(seed, i, …) uses, even where the profile leaves
// them unknown). Deterministic for (seed, i).
func Name(seed int64, i int) (given, family string) {
	who := personOf(seed, i)
	pool := countries[who.country].names
	r := stream(seed, i, streamName)
	family = pick(r, pool.family)
	if who.female {
		given = pick(r, pool.female)
		if pool.feminize != nil {
			family = pool.feminize(family)
		}
		return given, family
	}
	return pick(r, pool.male), family
}
