/**
 * Dutch text of the kind municipal networks share: sentences about kustverdediging, jeugdzorg,
 * mobiliteit, begrotingen and Interreg-projecten, from a vocabulary whose words follow a skewed
 * (Zipf-like) frequency as real text does — a few words occur in most documents, a theme's words in
 * that theme's documents, rare terms in a few dozen. Seeded, so the same on every run.
 */

/** A theme: what its documents are about, the words they use most, and its tag. */
export type Theme = { title: string; tag: string; nouns: string[] }

const themes: Theme[] = [
  {
    title: 'kustverdediging en waterveiligheid',
    tag: 'kust',
    nouns: [
      'de kustverdediging',
      'de zandsuppletie',
      'de dijkversterking',
      'de waterveiligheid',
      'de stormvloedkering',
      'het hoogwater',
      'de zeespiegelstijging',
      'de duinen',
      'het Deltaprogramma',
      'de klimaatadaptatie',
    ],
  },
  {
    title: 'mobiliteit en bereikbaarheid',
    tag: 'mobiliteit',
    nouns: [
      'de mobiliteit',
      'het openbaar vervoer',
      'de buslijn',
      'de fietsverbinding',
      'de veerdienst',
      'het doelgroepenvervoer',
      'de bereikbaarheid',
      'de Westerscheldetunnel',
      'de laadinfrastructuur',
      'het grensoverschrijdende busvervoer',
    ],
  },
  {
    title: 'regionale inkoop jeugdzorg',
    tag: 'jeugdzorg',
    nouns: [
      'de jeugdzorg',
      'de jeugdhulp',
      'de wachtlijsten',
      'de zorgaanbieders',
      'de inkoop van jeugdhulp',
      'het jeugdteam',
      'de gezinnen',
      'de specialistische zorg',
      'de toegang tot zorg',
      'de Jeugdwet',
    ],
  },
  {
    title: 'afvalinzameling en grondstoffen',
    tag: 'afval',
    nouns: [
      'de afvalinzameling',
      'het restafval',
      'het gft-afval',
      'de pmd-inzameling',
      'de milieustraat',
      'de grondstoffen',
      'de afvalstoffenheffing',
      'het zwerfafval',
      'de circulaire economie',
      'de inzamelroutes',
    ],
  },
  {
    title: 'begroting en financiën',
    tag: 'financiën',
    nouns: [
      'de begroting',
      'de meerjarenraming',
      'de jaarrekening',
      'de voorjaarsnota',
      'de financiële positie',
      'de algemene reserve',
      'de uitkering uit het gemeentefonds',
      'de kostenverdeelsleutel',
      'de deelnemersbijdrage',
      'het weerstandsvermogen',
    ],
  },
  {
    title: 'grensoverschrijdende samenwerking Interreg',
    tag: 'Interreg',
    nouns: [
      'de grensoverschrijdende samenwerking',
      'het Interreg-programma',
      'de projectaanvraag',
      'de cofinanciering',
      'de Europese subsidie',
      'de Belgische partners',
      'de Vlaamse gemeenten',
      'het grensinformatiepunt',
      'de grenseffecten',
      'de subsidieregeling',
    ],
  },
  {
    title: 'grensoverschrijdende arbeidsmarkt',
    tag: 'arbeidsmarkt',
    nouns: [
      'de arbeidsmarkt',
      'de grensarbeiders',
      'de werkgevers',
      'de vacatures',
      'het personeelstekort',
      'de arbeidsmigranten',
      'de huisvesting van arbeidsmigranten',
      'de scholing',
      'de arbeidsbemiddeling',
      'het leerwerktraject',
    ],
  },
  {
    title: 'energiecoöperatie en energietransitie',
    tag: 'energie',
    nouns: [
      'de energiecoöperatie',
      'de energietransitie',
      'de zonneparken',
      'de windenergie',
      'het warmtenet',
      'de netcongestie',
      'de isolatie van woningen',
      'de regionale energiestrategie',
      'de laadpalen',
      'de coöperatie',
    ],
  },
  {
    title: 'wonen en leefbaarheid in de kernen',
    tag: 'wonen',
    nouns: [
      'de woningbouw',
      'de woningvoorraad',
      'de starters',
      'de flexwoningen',
      'de woningcorporaties',
      'de leefbaarheid',
      'de kleine kernen',
      'het bestemmingsplan',
      'de omgevingsvisie',
      'de Omgevingswet',
    ],
  },
  {
    title: 'toerisme en kustrecreatie',
    tag: 'toerisme',
    nouns: [
      'het toerisme',
      'de kustrecreatie',
      'de vakantieparken',
      'de toeristenbelasting',
      'de fietsroutes',
      'het erfgoed',
      'de regiomarketing',
      'het Zwin',
      'de evenementen',
      'de verblijfsrecreatie',
    ],
  },
  {
    title: 'digitale dienstverlening en informatieveiligheid',
    tag: 'ICT',
    nouns: [
      'de digitalisering',
      'de informatieveiligheid',
      'de privacy',
      'de dienstverlening',
      'het klantcontactcentrum',
      'de ICT-samenwerking',
      'de archivering',
      'het e-depot',
      'de applicaties',
      'de gegevensuitwisseling',
    ],
  },
  {
    title: 'sociaal domein',
    tag: 'sociaal domein',
    nouns: [
      'het sociaal domein',
      'de schuldhulpverlening',
      'het armoedebeleid',
      'de participatie',
      'de Wmo',
      'de mantelzorg',
      'de ouderenzorg',
      'het welzijnswerk',
      'de bijstand',
      'de statushouders',
    ],
  },
  {
    title: 'haven, economie en innovatie',
    tag: 'economie',
    nouns: [
      'de regionale economie',
      'de haven',
      'North Sea Port',
      'de Kanaalzone',
      'de bedrijventerreinen',
      'de ondernemers',
      'de innovatie',
      'de werkgelegenheid',
      'de waterstofeconomie',
      'de logistiek',
    ],
  },
  {
    title: 'veiligheid en crisisbeheersing',
    tag: 'veiligheid',
    nouns: [
      'de crisisbeheersing',
      'de veiligheidsregio',
      'de brandweer',
      'de openbare orde',
      'de ondermijning',
      'de handhaving',
      'het toezicht',
      'de rampenbestrijding',
      'de hulpdiensten',
      'de grensoverschrijdende hulpverlening',
    ],
  },
  {
    title: 'natuur, water en landbouw',
    tag: 'natuur',
    nouns: [
      'de natuur',
      'het landschap',
      'de biodiversiteit',
      'de Westerschelde',
      'de Oosterschelde',
      'het zoetwater',
      'de verzilting',
      'de landbouw',
      'de stikstofuitstoot',
      'het natuurherstel',
    ],
  },
  {
    title: 'onderwijs en arbeidsmarkt van morgen',
    tag: 'onderwijs',
    nouns: [
      'het onderwijs',
      'de scholen',
      'het leerlingenvervoer',
      'het mbo',
      'de kennisinstellingen',
      'de stageplaatsen',
      'de laaggeletterdheid',
      'de kinderopvang',
      'het voortijdig schoolverlaten',
      'Campus Zeeland',
    ],
  },
]

/** General words of every document, most frequent first. */
const generalNouns = [
  'de samenwerking',
  'de gemeente',
  'de regio',
  'het project',
  'de provincie',
  'de partners',
  'het overleg',
  'de afspraken',
  'de uitvoering',
  'het beleid',
  'de inwoners',
  'de subsidie',
  'het bestuur',
  'de gemeenteraad',
  'het college',
  'de werkgroep',
  'de stuurgroep',
  'het programma',
  'het werkplan',
  'de evaluatie',
  'de planning',
  'het voorstel',
  'het besluit',
  'de aanpak',
  'de ambitie',
  'de opgave',
  'de bijdrage',
  'de kosten',
  'de middelen',
  'de capaciteit',
  'de ondersteuning',
  'de kennisdeling',
  'de monitoring',
  'de rapportage',
  'de voortgang',
  'de doelstellingen',
  'de resultaten',
  'het risico',
  'de mijlpalen',
  'de overeenkomst',
  'het convenant',
  'de intentieverklaring',
  'de gemeenschappelijke regeling',
  'de portefeuillehouders',
  'de wethouders',
  'de burgemeesters',
  'de ambtelijke organisatie',
  'de coördinatie',
  'de coördinator',
  'het kwartaal',
  'de uitgangspunten',
  'de randvoorwaarden',
  'de procedure',
  'de aanbesteding',
  'de inkoop',
  'de financiering',
  'de verantwoording',
  'de communicatie',
  'de belanghebbenden',
  'de ideeën',
]

const adjectives = [
  'gezamenlijke',
  'regionale',
  'financiële',
  'grensoverschrijdende',
  'bestuurlijke',
  'ambtelijke',
  'structurele',
  'tijdelijke',
  'duurzame',
  'integrale',
  'nieuwe',
  'huidige',
  'Zeeuwse',
  'Vlaamse',
  'Belgische',
  'provinciale',
  'gemeentelijke',
  'efficiënte',
  'geïntegreerde',
  'meerjarige',
  'concrete',
  'haalbare',
  'gedeelde',
  'praktische',
  'juridische',
  'sociale',
  'economische',
  'Europese',
  'lokale',
  'aanvullende',
]

/** Singular and plural of verbs that take the noun phrase as object. */
const verbs: [string, string][] = [
  ['bespreekt', 'bespreken'],
  ['onderzoekt', 'onderzoeken'],
  ['ondersteunt', 'ondersteunen'],
  ['financiert', 'financieren'],
  ['evalueert', 'evalueren'],
  ['versterkt', 'versterken'],
  ['verbetert', 'verbeteren'],
  ['coördineert', 'coördineren'],
  ['organiseert', 'organiseren'],
  ['verkent', 'verkennen'],
  ['realiseert', 'realiseren'],
  ['actualiseert', 'actualiseren'],
  ['begeleidt', 'begeleiden'],
  ['agendeert', 'agenderen'],
  ['herijkt', 'herijken'],
]

const places = [
  'Sluis',
  'Terneuzen',
  'Hulst',
  'Middelburg',
  'Vlissingen',
  'Goes',
  'Borsele',
  'Veere',
  'Kapelle',
  'Reimerswaal',
  'Tholen',
  'Schouwen-Duiveland',
  'Noord-Beveland',
  'Knokke-Heist',
  'Maldegem',
  'Damme',
  'Sint-Laureins',
  'Brugge',
  'Gent',
  'Zelzate',
  'Eeklo',
  'Oostburg',
  'Cadzand',
  'Breskens',
  'Axel',
  'Sas van Gent',
  'Zeeuws-Vlaanderen',
  'Walcheren',
  'België',
  'Vlaanderen',
  'Oost-Vlaanderen',
  'Den Haag',
  'Brussel',
]

const bodies = [
  'De stuurgroep',
  'De werkgroep',
  'Het college',
  'De provincie',
  'Het waterschap',
  'Het dagelijks bestuur',
  'Het portefeuillehoudersoverleg',
  'De coördinator',
  'De projectleider',
  'Het secretariaat',
]

/**
 * Rare terms: each in a few dozen documents at most. Place names, programmes and jargon that a user
 * searches for precisely because they are specific.
 */
const rareTerms = [
  'zoutwaterwig',
  'schorren en slikken',
  'getijdenenergie',
  'oesterkwekerij',
  'mosselcultuur',
  'Kanaal Gent-Terneuzen',
  'Nieuwe Sluis',
  'Sloegebied',
  'waterstofleiding',
  'glastuinbouw',
  'Scheldemond',
  'baggerspecie',
  'fietsveer',
  'Tractaatweg',
  'Sluiskiltunnel',
  'Perkpolder',
  'Hedwigepolder',
  'Zwinstreek',
  'duinvoetversterking',
  'strandpaviljoens',
  'beschermd stadsgezicht',
  'monumentenzorg',
  'herbestemming van kerkgebouwen',
  'dorpshuizen',
  'kernenbeleid',
  'krimpgebied',
  'leefbaarheidsmonitor',
  'grenseffectenrapportage',
  'Euregio Scheldemond',
  'Just Transition Fund',
  'Regio Deal Zeeuws-Vlaanderen',
  'HZ University of Applied Sciences',
  'Scalda',
  'flexwonen',
  'erfpacht',
  'precariobelasting',
  'forensenbelasting',
  'hondenbelasting',
  'rioolheffing',
  'diftar',
  'ondergrondse containers',
  'textielinzameling',
  'kringloopwinkel',
  'statiegeld',
  'drijvende zonnepanelen',
  'aardwarmte',
  'bodemdaling',
  'dijkverzwaring',
  'paalrot',
  'woonzorgzone',
  'wijkverpleging',
  'dagbesteding',
  'beschermd wonen',
  'maatschappelijke opvang',
  'vroegsignalering',
  'inburgering',
  'taalcafé',
  'reïntegratie',
  'naschoolse opvang',
  'leerplichtambtenaar',
  'cameratoezicht',
  'drugsafval',
  'Bibob-toets',
  'evenementenvergunning',
  'strandexploitatie',
  'jachthaven',
  'visafslag',
  'pieranlegplaats',
  'kabelbaan',
  'zonneweide',
  'windturbinepark',
  'elektrische deelauto',
  'buurtbus',
  'hoogwaardig openbaar vervoer',
  'snelfietspad',
  'carpoolplaats',
  'grenspaal',
  'douanepost',
  'Belgisch kenteken',
  'dubbele belasting',
  'pensioenoverdracht',
  'erkenning van diploma’s',
  'tweetalige crèche',
  'zorgverzekering over de grens',
  'ambulancezorg over de grens',
  'grensoverschrijdende brandweerzorg',
  'privacyverklaring',
  'verwerkersovereenkomst',
  'datalek',
  'phishingtest',
  'archiefwet',
  'zaaksysteem',
  'cloudmigratie',
  'open data',
]

/** Tags besides the theme's own. */
export const tagsGeneral = [
  'Interreg',
  'grensoverschrijdend',
  'samenwerking',
  'Regio Deal',
  'bestuur',
  'klimaat',
  'financiën',
  'begroting',
  'subsidie',
  'Europese fondsen',
  'OZO',
  'werkagenda',
]

const months = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
]

/** A noun phrase without its article: "de begroting" → "begroting". */
export function bare(nounPhrase: string): string {
  return nounPhrase.replace(/^(de|het) /, '')
}

// ---- Random text ----

/** mulberry32, as generate.ts: the same data on every run. */
export function random(seedValue: number) {
  let a = seedValue >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rnd = () => number

/** Picks from a list ordered by frequency, the k-th item about 1/k as often as the first. */
function zipf<T>(list: readonly T[], exponent = 1) {
  const cumulative: number[] = []
  let sum = 0
  list.forEach((_, k) => cumulative.push((sum += 1 / (k + 1) ** exponent)))
  return (rnd: Rnd): T => {
    const x = rnd() * sum
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return list[lo]!
  }
}

const pickGeneral = zipf(generalNouns, 0.8)
const pickPlace = zipf(places, 0.7)

/** A writer of sentences about one theme: theme words often, general words otherwise. */
export function dutchWriter(rnd: Rnd, theme: Theme = themes[Math.floor(rnd() * themes.length)]!) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const themeNoun = zipf(theme.nouns, 1)
  const noun = () => (rnd() < 0.55 ? themeNoun(rnd) : pickGeneral(rnd))
  /** A definite noun phrase, sometimes with an adjective ("de gezamenlijke begroting"). */
  const np = () => {
    const n = noun()
    const match = /^(de|het) ([a-zë].*)$/.exec(n)
    // Names (the Westerschelde, the Jeugdwet) take no adjective.
    if (!match || rnd() < 0.6) return n
    return `${match[1]} ${pick(adjectives)} ${match[2]}`
  }
  const place = () => pickPlace(rnd)
  const year = () => String(2022 + Math.floor(rnd() * 7))
  const date = () => `${1 + Math.floor(rnd() * 28)} ${pick(months)} ${year()}`
  const amount = () =>
    (Math.round(rnd() * 2_000) * 500).toLocaleString('nl-NL', { maximumFractionDigits: 0 })
  const verb = () => pick(verbs)
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

  const templates: (() => string)[] = [
    () => `${pick(bodies)} ${verb()[0]} ${np()} in ${place()}.`,
    () => `In ${year()} ${verb()[1]} de partners ${np()} voor ${bare(noun())}.`,
    () => `Het college van ${place()} stemt in met ${np()}.`,
    () => `De stuurgroep heeft ${np()} op ${date()} besproken en geëvalueerd.`,
    () => `Voor ${np()} is in de begroting ${year()} een bedrag van € ${amount()} gereserveerd.`,
    () =>
      `Er zijn ${pick(adjectives)} risico’s bij ${np()}, vooral op het gebied van ${bare(noun())}.`,
    () =>
      `De provincie draagt € ${amount()} bij aan ${np()}; de gemeenten zorgen voor de cofinanciering.`,
    () => `${cap(np())} vraagt om ${pick(adjectives)} afspraken tussen ${place()} en ${place()}.`,
    () => `Uit de evaluatie blijkt dat ${np()} heeft bijgedragen aan ${np()}.`,
    () => `Het voorstel is om ${np()} onder te brengen bij ${pick(bodies).toLowerCase()}.`,
    () => `Met het Interreg-project werken partners uit Nederland en België samen aan ${np()}.`,
    () => `De raad wordt gevraagd kennis te nemen van ${np()} en in te stemmen met ${np()}.`,
    () =>
      `Inwoners van ${place()} deelden tijdens een bijeenkomst hun ideeën over ${bare(noun())}.`,
    () =>
      `Tijdens het overleg van ${date()} is afgesproken ${np()} voor ${pick(months)} uit te werken.`,
    () => `De kosten van ${np()} worden verdeeld naar rato van het aantal inwoners.`,
    () => `Aandachtspunt blijft ${np()}, omdat ${np()} achterblijft bij de planning.`,
    () => `Ondernemers in ${place()} zien kansen voor ${bare(noun())} over de grens.`,
    () =>
      `De werkgroep ${bare(themeNoun(rnd))} rapporteert elk kwartaal aan het portefeuillehoudersoverleg.`,
    () => `Daarnaast wordt onderzocht of ${np()} kan worden uitgebreid naar ${place()}.`,
    () => `De ${pick(adjectives)} gevolgen voor ${bare(noun())} zijn nog niet volledig in beeld.`,
    () => `${cap(np())} is geïnvesteerd in ${np()} en wordt in ${year()} opnieuw geëvalueerd.`,
    () => `Wij vragen de coördinator om ${np()} in het volgende overleg te agenderen.`,
  ]
  const sentence = () => pick(templates)()

  return {
    theme,
    sentence,
    np,
    place,
    year,
    date,
    /** About `words` words in paragraphs of four to seven sentences, with a rare term now and then. */
    text(words: number): string {
      const paragraphs: string[] = []
      let count = 0
      while (count < words) {
        const sentences: string[] = []
        const length = 4 + Math.floor(rnd() * 4)
        for (let i = 0; i < length && count < words; i++) {
          let s = sentence()
          if (rnd() < 0.015) s += ` Zie ook: ${pick(rareTerms)}.`
          sentences.push(s)
          count += s.split(' ').length
        }
        paragraphs.push(sentences.join(' '))
      }
      return paragraphs.join('\n\n')
    },
  }
}

export type Writer = ReturnType<typeof dutchWriter>
