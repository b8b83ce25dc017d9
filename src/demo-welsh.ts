// Welsh (cy) texts of the demo city (issue #13 item 4: the demo city has English and Welsh). Keyed by the English
// text; `inWelshToo` turns a text into `{ en, cy }` when a Welsh version exists here, else leaves the string.

const CY: Readonly<Record<string, string>> = {
  // Badge classes
  'Digital Maker': 'Gwneuthurwr Digidol',
  'Designed, built and shared a digital project at the club.': 'Dyluniodd, adeiladodd a rhannodd brosiect digidol yn y clwb.',
  'Plan a digital project, build it over at least four sessions, and **show it** to the club.': 'Cynlluniwch brosiect digidol, adeiladwch ef dros o leiaf bedair sesiwn, a’i **ddangos** i’r clwb.',
  'Young Curator': 'Curadur Ifanc',
  'Researched objects and co-curated a display for the public.': 'Ymchwiliodd i wrthrychau a chyd-guradu arddangosfa i’r cyhoedd.',
  'Research three objects in the collection and write the labels for a public display.': 'Ymchwiliwch i dri gwrthrych yn y casgliad ac ysgrifennwch y labeli ar gyfer arddangosfa gyhoeddus.',
  'Engineering Work Taster': 'Profiad Gwaith Peirianneg',
  'Completed a week-long engineering work taster, including a safety induction and a team build.': 'Cwblhaodd wythnos o brofiad gwaith peirianneg, gan gynnwys cyflwyniad diogelwch ac adeiladu mewn tîm.',
  'Attend all five days, pass the safety induction, and contribute to the team build.': 'Mynychwch y pum diwrnod, llwyddwch yn y cyflwyniad diogelwch, a chyfrannwch at yr adeiladu tîm.',
  'Youth Voice Leader': 'Arweinydd Llais Ieuenctid',
  'Represented young people on the youth council and led a campaign with them.': 'Cynrychiolodd bobl ifanc ar y cyngor ieuenctid ac arwain ymgyrch gyda nhw.',
  'Sit on the youth council for a term and lead one campaign from idea to result.': 'Eisteddwch ar y cyngor ieuenctid am dymor ac arwain un ymgyrch o’r syniad i’r canlyniad.',
  'Wellbeing Champion': 'Hyrwyddwr Llesiant',
  'Took part in the club’s wellbeing programme and helped others join in.': 'Cymerodd ran yn rhaglen lesiant y clwb a helpu eraill i ymuno.',
  'Join six wellbeing sessions and bring a friend to one of them.': 'Ymunwch â chwe sesiwn lesiant a dewch â ffrind i un ohonynt.',
  'Site Safety': 'Diogelwch ar y Safle',
  'Showed safe working on a supervised construction site.': 'Dangosodd waith diogel ar safle adeiladu dan oruchwyliaeth.',
  'Work safely for two supervised days on site, using the right protective equipment.': 'Gweithiwch yn ddiogel am ddau ddiwrnod dan oruchwyliaeth ar y safle, gan ddefnyddio’r offer diogelu cywir.',
  'Coding Foundations': 'Sylfeini Codio',
  'Wrote, tested and explained small programs in a college taster course.': 'Ysgrifennodd, profodd ac esboniodd raglenni bach mewn cwrs blasu yn y coleg.',
  'Complete the six-week taster and explain one of your programs to the group.': 'Cwblhewch y cwrs blasu chwe wythnos ac esboniwch un o’ch rhaglenni i’r grŵp.',
  // Spine elements
  'STEM': 'STEM',
  'Science, technology, engineering and maths, in and out of school.': 'Gwyddoniaeth, technoleg, peirianneg a mathemateg, yn yr ysgol a thu hwnt.',
  'Engineering practice': 'Ymarfer peirianneg',
  'Planning, building and testing things safely with others, as engineers do.': 'Cynllunio, adeiladu a phrofi pethau’n ddiogel gydag eraill, fel y mae peirianwyr yn ei wneud.',
  'Health and wellbeing': 'Iechyd a llesiant',
  'Looking after mental and physical health, one’s own and other people’s.': 'Gofalu am iechyd meddwl a chorfforol, eich iechyd chi ac iechyd pobl eraill.',
  'Local heritage and culture': 'Treftadaeth a diwylliant lleol',
  'The history, collections, places and stories of the city.': 'Hanes, casgliadau, lleoedd a straeon y ddinas.',
  'Resilience': 'Gwydnwch',
  'Keeping going and recovering when things are hard.': 'Dal ati a dod yn ôl pan fo pethau’n anodd.',
  'Confidence': 'Hyder',
  'Trying new things and speaking up, in groups and in public.': 'Rhoi cynnig ar bethau newydd a siarad, mewn grwpiau ac yn gyhoeddus.',
  'Harbourside College Level 2 Engineering: entry skills': 'Peirianneg Lefel 2 Coleg Glan yr Harbwr: sgiliau mynediad',
  'What the college looks for in applicants to its Level 2 engineering course.': 'Yr hyn y mae’r coleg yn chwilio amdano mewn ymgeiswyr i’w gwrs peirianneg Lefel 2.',
  'Local work-readiness standard': 'Safon parodrwydd am waith leol',
  'The skills local employers agreed to look for in young applicants.': 'Y sgiliau y cytunodd cyflogwyr lleol i chwilio amdanynt mewn ymgeiswyr ifanc.',
  // Themes and destinations
  'Engineering and manufacturing': 'Peirianneg a gweithgynhyrchu',
  'Knowledge and skills towards engineering jobs and courses in the city.': 'Gwybodaeth a sgiliau tuag at swyddi a chyrsiau peirianneg yn y ddinas.',
  'Level 2 Engineering at Harbourside College': 'Peirianneg Lefel 2 yng Ngholeg Glan yr Harbwr',
  'A one-year college course, a route to apprenticeships.': 'Cwrs coleg blwyddyn, llwybr i brentisiaethau.',
  'Engineering apprenticeship at Brightwater': 'Prentisiaeth beirianneg yn Brightwater',
  'Brightwater Engineering offers interviews to young people with its work taster badge.': 'Mae Brightwater Engineering yn cynnig cyfweliadau i bobl ifanc sydd â’i fathodyn profiad gwaith.',
  // Pathways and their opportunities
  'Route to a digital apprenticeship': 'Llwybr i brentisiaeth ddigidol',
  'Make something digital, learn to code and try a week in engineering: then Brightwater interviews you for its digital apprenticeship.': 'Gwnewch rywbeth digidol, dysgwch godio a rhowch gynnig ar wythnos mewn peirianneg: yna bydd Brightwater yn eich cyfweld ar gyfer ei phrentisiaeth ddigidol.',
  'Into Level 2 engineering at Harbourside': 'I mewn i beirianneg Lefel 2 yng Nglan yr Harbwr',
  'Four badges that show you are ready for the college’s Level 2 engineering course; completing them holds you a place.': 'Pedwar bathodyn sy’n dangos eich bod yn barod ar gyfer cwrs peirianneg Lefel 2 y coleg; mae eu cwblhau yn cadw lle i chi.',
  'A seat on the youth council': 'Sedd ar y cyngor ieuenctid',
  'Look after yourself and others, then lead: the youth council keeps seats for young people who complete this route.': 'Gofalwch amdanoch eich hun ac eraill, yna arweiniwch: mae’r cyngor ieuenctid yn cadw seddi i bobl ifanc sy’n cwblhau’r llwybr hwn.',
  'Digital apprenticeship interview — Brightwater Engineering': 'Cyfweliad prentisiaeth ddigidol — Brightwater Engineering',
  'Level 2 Engineering — a reserved course place': 'Peirianneg Lefel 2 — lle wedi’i gadw ar y cwrs',
  'Youth council seat — Northgate ward': 'Sedd ar y cyngor ieuenctid — ward Northgate',
  // Opportunity topics
  'Robotics club': 'Clwb roboteg',
  'Street dance': 'Dawns stryd',
  'Coding for beginners': 'Codio i ddechreuwyr',
  'Park clean-up crew': 'Criw glanhau’r parc',
  'Harbour heritage walk': 'Taith treftadaeth yr harbwr',
}

/** `{ en, cy }` (English under `tag`) when the demo has a Welsh version of `en`, else `en` as it is. */
export function inWelshToo (en: string, tag = 'en'): string | Record<string, string> {
  const cy = CY[en]
  return cy === undefined ? en : { [tag]: en, cy }
}

/** The Welsh version of a demo text, if any. */
export const welshOf = (en: string): string | undefined => CY[en]
