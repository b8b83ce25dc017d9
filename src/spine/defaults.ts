import type { Destination, Dimension, ElementKind, GridCell, Level, SpineContent, SpineElement, Theme } from './model.js'

// The Cities of Learning grid, word for word (DOMAIN.md "Layers of learning"); a city may reword or translate it.
const GRID_EN: Record<Dimension, Record<Level, string>> = {
  knowledge: {
    engagement: 'acquire information',
    participation: 'interact with learning',
    demonstration: 'apply knowledge with real world context',
    leadership: 'embed knowledge in different contexts',
  },
  skills: {
    engagement: 'actively experience',
    participation: 'join in',
    demonstration: 'gain experience and receive feedback to develop',
    leadership: 'influence others',
  },
  'attitudes-values': {
    engagement: "understand what's expected",
    participation: 'meet expectations',
    demonstration: 'show consistency',
    leadership: 'take ownership and inspire',
  },
}

const LEVEL_ORDER: readonly Level[] = ['engagement', 'participation', 'demonstration', 'leadership']
const DIMENSION_ORDER: readonly Dimension[] = ['knowledge', 'skills', 'attitudes-values']

/** The default grid: 12 cells, dimension-major, English descriptors. Returns a fresh copy each call. */
export function defaultGrid(): GridCell[] {
  return DIMENSION_ORDER.flatMap((dimension) =>
    LEVEL_ORDER.map((level) => ({ level, dimension, descriptors: { en: GRID_EN[dimension][level] } })),
  )
}

type Seed = [code: string, kind: ElementKind, title: string, description: string, parentCode?: string]

// Universal core: the OECD Learning Compass 2030 (knowledge, skills, attitudes and values, transformative competencies).
const CORE: Seed[] = [
  ['core.knowledge', 'knowledge', 'Knowledge',
    'Theoretical concepts and ideas together with practical understanding gained from experience, across disciplinary, interdisciplinary, epistemic and procedural knowledge.'],
  ['core.skills', 'skill', 'Skills',
    "The ability and capacity to carry out processes and use one's knowledge responsibly to reach a goal."],
  ['core.skills.cognitive-metacognitive', 'skill', 'Cognitive and metacognitive skills',
    "Thinking critically and creatively, and learning how to learn by reflecting on and steering one's own learning.", 'core.skills'],
  ['core.skills.social-emotional', 'skill', 'Social and emotional skills',
    'Working with others and managing oneself, through empathy, self-awareness, respect for others and communication.', 'core.skills'],
  ['core.skills.practical-physical', 'skill', 'Practical and physical skills',
    'Using tools, materials and digital devices with care and control, including manual and craft skills.', 'core.skills'],
  ['core.attitudes-values', 'disposition', 'Attitudes and values',
    'The principles and beliefs that shape choices, judgements and actions, such as motivation, trust and respect for diversity.'],
  ['core.transformative', 'competency', 'Transformative competencies',
    'What learners need to shape a better future: creating new value, reconciling tensions and dilemmas, and taking responsibility.'],
  ['core.transformative.creating-new-value', 'competency', 'Creating new value',
    'Innovating and acting with purpose to create new products, services, ideas and ways of living and working together.', 'core.transformative'],
  ['core.transformative.reconciling-tensions-dilemmas', 'competency', 'Reconciling tensions and dilemmas',
    'Weighing competing demands and points of view, and reaching balanced solutions that respect how they are connected.', 'core.transformative'],
  ['core.transformative.taking-responsibility', 'competency', 'Taking responsibility',
    "Reflecting on one's actions and their consequences, and acting with integrity towards oneself, others and society.", 'core.transformative'],
]

// The layer every City of Learning shares.
const COL: Seed[] = [
  ['col.interpersonal-social-emotional', 'competency', 'Interpersonal, social and emotional',
    "Building relationships, working in teams, communicating well, and understanding and managing one's own emotions."],
  ['col.civic-global', 'competency', 'Civic and global',
    "Taking part in the life of one's community and understanding one's place and responsibilities as a citizen of the world."],
  ['col.creative-entrepreneurial', 'competency', 'Creative and entrepreneurial',
    'Generating ideas, making things, and turning opportunities into projects or ventures that create value for others.'],
  ['col.ethic-of-craft-business-awareness', 'competency', 'Ethic of craft and business awareness',
    'Taking pride in doing work well, and understanding how workplaces, organisations and businesses operate.'],
  ['col.digital', 'competency', 'Digital',
    'Using digital tools and media safely, critically and creatively to learn, make, share and work with others.'],
]

function toElement(layer: SpineElement['layer']) {
  return ([code, kind, title, description, parentCode]: Seed): SpineElement => ({
    code,
    layer,
    ...(parentCode !== undefined ? { parentCode } : {}),
    title,
    description,
    kind,
    status: 'active',
    version: 1,
  })
}

/** Default universal-core and Cities of Learning elements for a new city (fresh copies, parents first). */
export function defaultElements(): SpineElement[] {
  return [...CORE.map(toElement('core')), ...COL.map(toElement('cities-of-learning'))]
}

/** Default themes: one civic, one wellbeing and one sector example carrying an industry code. */
export function defaultThemes(): Theme[] {
  return [
    { kind: 'civic', code: 'civic', title: 'Civic pride and belonging',
      description: 'Learning that builds pride in and belonging to the place, its people, history and culture.' },
    { kind: 'wellbeing', code: 'wellbeing', title: 'Wellbeing',
      description: 'Learning for mental and physical health and for positive attitudes and values, in any sector.' },
    { kind: 'sector', code: 'sector.construction', title: 'Construction', industryCode: 'uk-sic-2007:F',
      description: 'Knowledge and skills towards local destinations in the construction sector.' },
  ]
}

/** The four destination kinds, each as a default destination whose code equals its kind. */
export function defaultDestinations(): Destination[] {
  return [
    { kind: 'education', code: 'education', title: 'Education', description: 'Enrolling on a course or programme.' },
    { kind: 'employment', code: 'employment', title: 'Employment', description: 'Getting a job, an apprenticeship or an internship.' },
    { kind: 'enterprise', code: 'enterprise', title: 'Enterprise', description: 'Being entrepreneurial: starting a project, venture or business.' },
    { kind: 'civic-engagement', code: 'civic-engagement', title: 'Civic engagement',
      description: 'Getting involved in the local area, for example by volunteering or taking part in local decisions.' },
  ]
}

/** Everything a new city starts with; all of it editable afterwards. */
export function defaultSpineContent(): SpineContent {
  return { elements: defaultElements(), grid: defaultGrid(), themes: defaultThemes(), destinations: defaultDestinations() }
}
