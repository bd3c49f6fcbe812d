import { type Pool, type PoolClient, type QueryResult } from 'pg';

/** How many rows of each main kind a generated dataset holds. */
export interface DatasetShape {
  events: number;
  actors: number;
  sources: number;
  places: number;
}

/** Values that the benchmark's workloads use, which exist in the dataset generated for `events` (pure function, no DB). */
export interface DatasetFacts {
  /** The actor with the most participations (a few % of events). */
  busyActorSlug: string;
  /** The two-character Chinese name of that actor, which the titles of its events mention. */
  chineseSearch: string;
  /** An English word in a moderate share (~7%) of English event titles. */
  englishSearch: string;
  /** A year fully inside the data's time range. */
  bucketYear: number;
  /** ISO instants one month apart, inside the data. */
  filterRange: { from: string; to: string };
  /** The two most common event kinds. */
  filterKinds: string[];
  /** The most common event status. */
  filterStatus: string;
}

type ActorKind = 'PERSON' | 'ORGANIZATION' | 'GOVERNMENT' | 'MEDIA_OUTLET';
type EventKind =
  'MEETING' | 'STATEMENT' | 'VISIT' | 'ANNOUNCEMENT' | 'LEGAL_ACTION' | 'PROPOSAL' | 'AGREEMENT' | 'ELECTION' | 'OTHER';
type Precision = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE';
type Bilingual = { zh: string; en: string };
type Weights = Readonly<Record<string, number>>;

const FIRST_YEAR = 2006;
const YEAR_COUNT = 20;
const FIRST_DAY = `${FIRST_YEAR}-01-01`;
const DAY_COUNT = (Date.UTC(FIRST_YEAR + YEAR_COUNT, 0, 1) - Date.UTC(FIRST_YEAR, 0, 1)) / 86_400_000;

/** Most events are recorded in the order they happen, a few days late at most; the rest are dated back at random. */
const RETROSPECTIVE_PERCENT = 10;
const REPORTING_DELAY_DAYS = 3;

const CITATIONS_PER_EVENT = 2;
const ENGLISH_SEARCH_WORD = 'summit';

/** Every kind appears in this cycle in these proportions; actor id 1 is therefore a person. */
const ACTOR_KIND_CYCLE: readonly ActorKind[] = [
  ...Array<ActorKind>(15).fill('PERSON'),
  'ORGANIZATION',
  'ORGANIZATION',
  'GOVERNMENT',
  'GOVERNMENT',
  'MEDIA_OUTLET',
];

/** Shares of participant slots, per 10,000 draws: one busy actor, ten prominent ones, a notable tier, then anyone. */
const CAST = {
  busyActorId: 1,
  busyShare: 200,
  prominentCount: 10,
  prominentShare: 50,
  notableShare: 15,
  draws: 10_000,
};

const EVENT_KIND_WEIGHTS: Readonly<Record<EventKind, number>> = {
  MEETING: 24,
  STATEMENT: 24,
  VISIT: 12,
  ANNOUNCEMENT: 10,
  LEGAL_ACTION: 8,
  PROPOSAL: 7,
  AGREEMENT: 6,
  ELECTION: 4,
  OTHER: 5,
};
const EVENT_STATUS_WEIGHTS: Weights = { OCCURRED: 85, PLANNED: 9, CANCELLED: 3, POSTPONED: 3 };
const PRECISION_WEIGHTS: Readonly<Record<Precision, number>> = { DAY: 60, MINUTE: 20, HOUR: 10, MONTH: 8, YEAR: 2 };
const SOURCE_KIND_WEIGHTS: Weights = {
  NEWS_ARTICLE: 60,
  SOCIAL_POST: 15,
  OFFICIAL_STATEMENT: 10,
  INTERVIEW: 7,
  REPORT: 8,
};

const ROLES_BY_KIND: Readonly<Record<EventKind, readonly [string, string, string]>> = {
  MEETING: ['HOST', 'GUEST', 'PARTICIPANT'],
  STATEMENT: ['SPEAKER', 'MENTIONED', 'MENTIONED'],
  VISIT: ['GUEST', 'HOST', 'PARTICIPANT'],
  ANNOUNCEMENT: ['ISSUER', 'PARTICIPANT', 'MENTIONED'],
  LEGAL_ACTION: ['ISSUER', 'TARGET', 'MENTIONED'],
  PROPOSAL: ['ISSUER', 'PARTICIPANT', 'MENTIONED'],
  AGREEMENT: ['PARTICIPANT', 'PARTICIPANT', 'PARTICIPANT'],
  ELECTION: ['PARTICIPANT', 'PARTICIPANT', 'MENTIONED'],
  OTHER: ['PARTICIPANT', 'PARTICIPANT', 'PARTICIPANT'],
};

const SURNAMES: readonly Bilingual[] = bilingualList(
  '王 Wang,李 Li,张 Zhang,刘 Liu,陈 Chen,杨 Yang,黄 Huang,赵 Zhao,吴 Wu,周 Zhou,徐 Xu,孙 Sun,马 Ma,朱 Zhu,' +
    '胡 Hu,郭 Guo,何 He,高 Gao,林 Lin,罗 Luo,郑 Zheng,梁 Liang,谢 Xie,宋 Song,唐 Tang,韩 Han,冯 Feng,邓 Deng,' +
    '曹 Cao,彭 Peng,曾 Zeng,肖 Xiao,田 Tian,董 Dong,袁 Yuan,潘 Pan,蒋 Jiang,蔡 Cai,杜 Du,叶 Ye',
);

/** Given names with pairwise different pinyin, so that English names are as unique as Chinese ones. */
const GIVEN_NAMES: readonly Bilingual[] = bilingualList(
  '伟 Wei,强 Qiang,军 Jun,磊 Lei,洋 Yang,勇 Yong,杰 Jie,涛 Tao,明 Ming,超 Chao,秀 Xiu,霞 Xia,平 Ping,刚 Gang,' +
    '桂 Gui,丽 Li,敏 Min,静 Jing,芳 Fang,娜 Na,艳 Yan,玲 Ling,华 Hua,红 Hong,辉 Hui,鹏 Peng,斌 Bin,宇 Yu,浩 Hao,' +
    '凯 Kai,健 Jian,帆 Fan,帅 Shuai,旭 Xu,宁 Ning,龙 Long,林 Lin,欣 Xin,颖 Ying,倩 Qian,婷 Ting,雪 Xue,晨 Chen,' +
    '峰 Feng,波 Bo,东 Dong,亮 Liang,毅 Yi,成 Cheng,国 Guo,庆 Qing,文 Wen,武 Wu,光 Guang,荣 Rong,春 Chun,松 Song,' +
    '海 Hai,山 Shan,源 Yuan,泉 Quan,兵 Bing,然 Ran,哲 Zhe,睿 Rui,航 Hang,琪 Qi,萌 Meng,璐 Lu,楠 Nan,晓 Xiao,' +
    '梅 Mei,兰 Lan,菊 Ju,竹 Zhu,婉 Wan,悦 Yue,畅 Chang,翔 Xiang,飞 Fei,虎 Hu,坤 Kun,智 Zhi,仁 Ren,德 De,才 Cai,' +
    '金 Jin,宝 Bao,福 Fu,寿 Shou,喜 Xi,乐 Le,安 An,康 Kang,达 Da,生 Sheng,勤 Qin,友 You,震 Zhen,云 Yun,丹 Dan,' +
    '彤 Tong,舟 Zhou,川 Chuan,江 Jiang,河 He,森 Sen,柏 Bai,梓 Zi,轩 Xuan,涵 Han,可 Ke,墨 Mo,诗 Shi,书 Shu,' +
    '展 Zhan,驰 Chi,腾 Teng,勋 Xun,嘉 Jia,卓 Zhuo,策 Ce,聪 Cong,灿 Can,群 Qun,恒 Heng,尧 Yao,舜 Shun,泽 Ze,' +
    '润 Run,沛 Pei,伦 Lun,秋 Qiu,恩 En,宪 Xian',
);

const PERSON_TITLES: readonly { alias: Bilingual; description: Bilingual }[] = [
  { alias: { zh: '主席', en: 'Chairman' }, description: { zh: '主席', en: 'Chairman' } },
  { alias: { zh: '部长', en: 'Minister' }, description: { zh: '部长', en: 'Minister' } },
  { alias: { zh: '总理', en: 'Premier' }, description: { zh: '总理', en: 'Premier' } },
  { alias: { zh: '大使', en: 'Ambassador' }, description: { zh: '大使', en: 'Ambassador' } },
  { alias: { zh: '教授', en: 'Professor' }, description: { zh: '大学教授', en: 'University professor' } },
  { alias: { zh: '将军', en: 'General' }, description: { zh: '将军', en: 'General' } },
  {
    alias: { zh: '发言人', en: 'Spokesperson' },
    description: { zh: '外交部发言人', en: 'Foreign ministry spokesperson' },
  },
  { alias: { zh: '市长', en: 'Mayor' }, description: { zh: '市长', en: 'Mayor' } },
];

/** Institution names by kind; `{R}` is a country or city. */
const INSTITUTION_TYPES: Readonly<Record<Exclude<ActorKind, 'PERSON'>, readonly Bilingual[]>> = {
  GOVERNMENT: [
    { zh: '{R}政府', en: 'Government of {R}' },
    { zh: '{R}外交部', en: 'Foreign Ministry of {R}' },
    { zh: '{R}国防部', en: 'Defence Ministry of {R}' },
    { zh: '{R}商务部', en: 'Commerce Ministry of {R}' },
    { zh: '{R}财政部', en: 'Finance Ministry of {R}' },
    { zh: '{R}司法部', en: 'Justice Ministry of {R}' },
    { zh: '{R}议会', en: 'Parliament of {R}' },
    { zh: '{R}常驻联合国代表团', en: 'Mission of {R} to the United Nations' },
  ],
  ORGANIZATION: [
    { zh: '{R}红十字会', en: '{R} Red Cross' },
    { zh: '{R}商会', en: '{R} Chamber of Commerce' },
    { zh: '{R}科学院', en: '{R} Academy of Sciences' },
    { zh: '{R}工会联合会', en: '{R} Federation of Trade Unions' },
    { zh: '{R}国际问题研究所', en: '{R} Institute of International Studies' },
    { zh: '{R}大学', en: '{R} University' },
    { zh: '{R}律师协会', en: '{R} Bar Association' },
    { zh: '{R}奥林匹克委员会', en: '{R} Olympic Committee' },
  ],
  MEDIA_OUTLET: [
    { zh: '{R}日报', en: '{R} Daily' },
    { zh: '{R}时报', en: '{R} Times' },
    { zh: '{R}电视台', en: '{R} Television' },
    { zh: '{R}通讯社', en: '{R} News Agency' },
    { zh: '{R}广播电台', en: '{R} Radio' },
    { zh: '{R}新闻网', en: '{R} News Network' },
    { zh: '{R}晚报', en: '{R} Evening Post' },
    { zh: '{R}周刊', en: '{R} Weekly' },
  ],
};

const COUNTRIES: readonly Bilingual[] = bilingualList(
  '中国 China,俄罗斯 Russia,美国 United States,法国 France,乌克兰 Ukraine,英国 United Kingdom,德国 Germany,' +
    '日本 Japan,韩国 South Korea,印度 India,巴西 Brazil,南非 South Africa,土耳其 Turkey,伊朗 Iran,' +
    '沙特阿拉伯 Saudi Arabia,印度尼西亚 Indonesia,越南 Vietnam,澳大利亚 Australia,加拿大 Canada,' +
    '墨西哥 Mexico,埃及 Egypt,以色列 Israel,波兰 Poland,意大利 Italy',
);

interface PlaceSeed {
  slug: string;
  zh: string;
  en: string;
  timeZone: string;
  latitude: number;
  longitude: number;
  region: string;
}

/** Ordered by how often events happen there. No zone here moves its clocks at midnight. */
const PLACES: readonly PlaceSeed[] = [
  ['北京', 'Beijing', 'Asia/Shanghai', 39.9042, 116.4074, 'asia'],
  ['莫斯科', 'Moscow', 'Europe/Moscow', 55.7558, 37.6173, 'europe'],
  ['华盛顿', 'Washington', 'America/New_York', 38.9072, -77.0369, 'americas'],
  ['基辅', 'Kyiv', 'Europe/Kyiv', 50.4501, 30.5234, 'europe'],
  ['巴黎', 'Paris', 'Europe/Paris', 48.8566, 2.3522, 'europe'],
  ['上海', 'Shanghai', 'Asia/Shanghai', 31.2304, 121.4737, 'asia'],
  ['纽约', 'New York', 'America/New_York', 40.7128, -74.006, 'americas'],
  ['布鲁塞尔', 'Brussels', 'Europe/Brussels', 50.8503, 4.3517, 'europe'],
  ['伦敦', 'London', 'Europe/London', 51.5074, -0.1278, 'europe'],
  ['柏林', 'Berlin', 'Europe/Berlin', 52.52, 13.405, 'europe'],
  ['东京', 'Tokyo', 'Asia/Tokyo', 35.6762, 139.6503, 'asia'],
  ['日内瓦', 'Geneva', 'Europe/Zurich', 46.2044, 6.1432, 'europe'],
  ['首尔', 'Seoul', 'Asia/Seoul', 37.5665, 126.978, 'asia'],
  ['新德里', 'New Delhi', 'Asia/Kolkata', 28.6139, 77.209, 'asia'],
  ['香港', 'Hong Kong', 'Asia/Hong_Kong', 22.3193, 114.1694, 'asia'],
  ['台北', 'Taipei', 'Asia/Taipei', 25.033, 121.5654, 'asia'],
  ['新加坡', 'Singapore', 'Asia/Singapore', 1.3521, 103.8198, 'asia'],
  ['雅加达', 'Jakarta', 'Asia/Jakarta', -6.2088, 106.8456, 'asia'],
  ['河内', 'Hanoi', 'Asia/Ho_Chi_Minh', 21.0278, 105.8342, 'asia'],
  ['曼谷', 'Bangkok', 'Asia/Bangkok', 13.7563, 100.5018, 'asia'],
  ['马尼拉', 'Manila', 'Asia/Manila', 14.5995, 120.9842, 'asia'],
  ['堪培拉', 'Canberra', 'Australia/Sydney', -35.2809, 149.13, 'oceania'],
  ['惠灵顿', 'Wellington', 'Pacific/Auckland', -41.2865, 174.7762, 'oceania'],
  ['渥太华', 'Ottawa', 'America/Toronto', 45.4215, -75.6972, 'americas'],
  ['墨西哥城', 'Mexico City', 'America/Mexico_City', 19.4326, -99.1332, 'americas'],
  ['利马', 'Lima', 'America/Lima', -12.0464, -77.0428, 'americas'],
  ['亚的斯亚贝巴', 'Addis Ababa', 'Africa/Addis_Ababa', 9.03, 38.74, 'africa'],
  ['内罗毕', 'Nairobi', 'Africa/Nairobi', -1.2921, 36.8219, 'africa'],
  ['比勒陀利亚', 'Pretoria', 'Africa/Johannesburg', -25.7479, 28.2293, 'africa'],
  ['阿布贾', 'Abuja', 'Africa/Lagos', 9.0765, 7.3986, 'africa'],
  ['利雅得', 'Riyadh', 'Asia/Riyadh', 24.7136, 46.6753, 'middle-east'],
  ['迪拜', 'Dubai', 'Asia/Dubai', 25.2048, 55.2708, 'middle-east'],
  ['安卡拉', 'Ankara', 'Europe/Istanbul', 39.9334, 32.8597, 'middle-east'],
  ['耶路撒冷', 'Jerusalem', 'Asia/Jerusalem', 31.7683, 35.2137, 'middle-east'],
  ['塔什干', 'Tashkent', 'Asia/Tashkent', 41.2995, 69.2401, 'asia'],
  ['明斯克', 'Minsk', 'Europe/Minsk', 53.9006, 27.559, 'europe'],
  ['华沙', 'Warsaw', 'Europe/Warsaw', 52.2297, 21.0122, 'europe'],
  ['罗马', 'Rome', 'Europe/Rome', 41.9028, 12.4964, 'europe'],
  ['马德里', 'Madrid', 'Europe/Madrid', 40.4168, -3.7038, 'europe'],
  ['维也纳', 'Vienna', 'Europe/Vienna', 48.2082, 16.3738, 'europe'],
  ['斯德哥尔摩', 'Stockholm', 'Europe/Stockholm', 59.3293, 18.0686, 'europe'],
  ['赫尔辛基', 'Helsinki', 'Europe/Helsinki', 60.1699, 24.9384, 'europe'],
  ['布达佩斯', 'Budapest', 'Europe/Budapest', 47.4979, 19.0402, 'europe'],
  ['贝尔格莱德', 'Belgrade', 'Europe/Belgrade', 44.7866, 20.4489, 'europe'],
  ['乌兰巴托', 'Ulaanbaatar', 'Asia/Ulaanbaatar', 47.8864, 106.9057, 'asia'],
  ['吉隆坡', 'Kuala Lumpur', 'Asia/Kuala_Lumpur', 3.139, 101.6869, 'asia'],
  ['旧金山', 'San Francisco', 'America/Los_Angeles', 37.7749, -122.4194, 'americas'],
  ['符拉迪沃斯托克', 'Vladivostok', 'Asia/Vladivostok', 43.1198, 131.8869, 'asia'],
  ['杭州', 'Hangzhou', 'Asia/Shanghai', 30.2741, 120.1551, 'asia'],
  ['索契', 'Sochi', 'Europe/Moscow', 43.6028, 39.7342, 'europe'],
].map(([zh, en, timeZone, latitude, longitude, region]) => ({
  slug: slugify(String(en)),
  zh: String(zh),
  en: String(en),
  timeZone: String(timeZone),
  latitude: Number(latitude),
  longitude: Number(longitude),
  region: String(region),
}));

const CHINESE_PLACE_ZONES = new Set(['Asia/Shanghai']);

const TOPICS: readonly (Bilingual & { tag: string })[] = [
  { tag: 'trade', zh: '贸易', en: 'trade' },
  { tag: 'climate', zh: '气候变化', en: 'climate change' },
  { tag: 'ukraine', zh: '乌克兰局势', en: 'the situation in Ukraine' },
  { tag: 'taiwan', zh: '台湾问题', en: 'the Taiwan question' },
  { tag: 'energy', zh: '能源合作', en: 'energy cooperation' },
  { tag: 'human-rights', zh: '人权', en: 'human rights' },
  { tag: 'cybersecurity', zh: '网络安全', en: 'cybersecurity' },
  { tag: 'economy', zh: '经济复苏', en: 'economic recovery' },
  { tag: 'nuclear', zh: '核不扩散', en: 'nuclear non-proliferation' },
  { tag: 'food-security', zh: '粮食安全', en: 'food security' },
  { tag: 'belt-and-road', zh: '一带一路', en: 'the Belt and Road Initiative' },
  { tag: 'semiconductors', zh: '半导体出口管制', en: 'semiconductor export controls' },
  { tag: 'public-health', zh: '公共卫生', en: 'public health' },
  { tag: 'south-china-sea', zh: '南海局势', en: 'the South China Sea' },
  { tag: 'sanctions', zh: '制裁', en: 'sanctions' },
  { tag: 'migration', zh: '移民', en: 'migration' },
];

/**
 * Text templates. Placeholders: {A} {B} {C} the participants in position order, {T} the topic,
 * {P} the city, {S} the quoted or speaking actor, {O} the other main participant, {R} the publisher.
 */
const TEMPLATES: Readonly<Record<string, Readonly<Record<string, readonly Bilingual[]>>>> = {
  event_title: {
    MEETING: [
      { zh: '{A}与{B}举行会谈', en: '{A} holds talks with {B}' },
      { zh: '{A}在{P}会见{B}', en: '{A} meets {B} in {P}' },
      { zh: '{A}、{B}和{C}出席{T}峰会', en: `{A}, {B} and {C} attend ${ENGLISH_SEARCH_WORD} on {T}` },
    ],
    STATEMENT: [
      { zh: '{A}就{T}发表声明', en: '{A} issues statement on {T}' },
      { zh: '{A}回应{B}有关{T}的言论', en: '{A} responds to {B} on {T}' },
    ],
    VISIT: [
      { zh: '{A}抵达{P}进行国事访问', en: '{A} arrives in {P} for a state visit' },
      { zh: '{A}访问{P}并会见{B}', en: '{A} visits {P} and meets {B}' },
    ],
    ANNOUNCEMENT: [
      { zh: '{A}宣布{T}新措施', en: '{A} announces new measures on {T}' },
      { zh: '{A}公布与{B}的{T}合作计划', en: '{A} unveils plan with {B} on {T}' },
    ],
    LEGAL_ACTION: [
      { zh: '{A}对{B}提起诉讼', en: '{A} files lawsuit against {B}' },
      { zh: '{A}宣布对{B}实施制裁', en: '{A} imposes sanctions on {B}' },
    ],
    PROPOSAL: [{ zh: '{A}提出{T}倡议', en: '{A} proposes initiative on {T}' }],
    AGREEMENT: [{ zh: '{A}与{B}签署{T}协议', en: '{A} and {B} sign agreement on {T}' }],
    ELECTION: [{ zh: '{A}在{P}选举中获胜', en: '{A} wins election in {P}' }],
    OTHER: [{ zh: '{A}与{B}通电话', en: '{A} holds phone call with {B}' }],
  },
  event_summary: {
    ANY: [
      { zh: '{A}、{B}和{C}就{T}交换了意见。', en: '{A}, {B} and {C} exchanged views on {T}.' },
      {
        zh: '据报道，{A}在与{B}和{C}的接触中强调了{T}的重要性。',
        en: 'Reports say {A} stressed the importance of {T} in contacts with {B} and {C}.',
      },
      { zh: '{B}和{C}对{A}有关{T}的立场表示关注。', en: '{B} and {C} voiced concern over the position of {A} on {T}.' },
    ],
  },
  spoken_quote: {
    ANY: [
      { zh: '我们将继续与各方就{T}保持沟通。', en: 'We will keep talking to all parties about {T}.' },
      { zh: '{O}的立场是不负责任的。', en: 'The position of {O} is irresponsible.' },
      { zh: '我们与{O}在{T}方面的合作富有成果。', en: 'Our cooperation with {O} on {T} has been fruitful.' },
    ],
  },
  reported_quote: {
    ANY: [
      { zh: '{S}表示，{T}只能通过对话解决。', en: '{S} said {T} can only be resolved through dialogue.' },
      { zh: '{S}称{T}是双方合作的重点。', en: '{S} called {T} a priority for cooperation.' },
      { zh: '据{S}介绍，{O}已同意就{T}继续磋商。', en: 'According to {S}, {O} agreed to further talks on {T}.' },
    ],
  },
  source_title: {
    NEWS_ARTICLE: [
      { zh: '{T}：各方最新表态', en: 'Latest on {T}: what officials said' },
      { zh: '{T}牵动各方，多国领导人密集会晤', en: 'Leaders step up contacts over {T}' },
      { zh: '分析：{T}背后的博弈', en: 'Analysis: the politics behind {T}' },
    ],
    SOCIAL_POST: [{ zh: '{R}：关于{T}的快讯', en: '{R}: breaking news on {T}' }],
    OFFICIAL_STATEMENT: [{ zh: '关于{T}的声明', en: 'Statement on {T}' }],
    INTERVIEW: [{ zh: '专访：谈{T}', en: 'Interview: on {T}' }],
    REPORT: [{ zh: '{T}年度报告', en: 'Annual report on {T}' }],
  },
};

const TIME_AS_WRITTEN: Readonly<Record<Precision, { zh: readonly string[]; en: readonly string[] }>> = {
  YEAR: { zh: ['今年', '明年', '去年'], en: ['this year', 'next year', 'last year'] },
  MONTH: { zh: ['本月', '上月', '月初', '月底'], en: ['this month', 'last month', 'early this month'] },
  DAY: {
    zh: ['周一', '周二', '周三', '周四', '周五', '昨天', '今天', '当天'],
    en: ['on Monday', 'on Friday', 'yesterday'],
  },
  HOUR: { zh: ['当天上午', '当天下午', '晚间'], en: ['this morning', 'this afternoon', 'in the evening'] },
  MINUTE: { zh: ['当地时间上午', '当地时间下午', '北京时间晚上'], en: ['local time', 'this morning', 'tonight'] },
};

/** Seeds for the row hashes: each attribute draws from its own independent stream. */
const SALT = {
  kind: 1,
  status: 2,
  precision: 3,
  city: 4,
  atPlace: 5,
  utc: 6,
  day: 7,
  hour: 8,
  minute: 9,
  span: 10,
  spanLength: 11,
  topic: 12,
  titleTemplate: 13,
  summaryTemplate: 14,
  hasSummary: 15,
  language: 16,
  hasEnglish: 17,
  timeAsWritten: 18,
  approximate: 19,
  regionTag: 20,
  retrospective: 21,
  reportingDelay: 22,
  castTier: 30,
  castAnyone: 40,
  sourceKind: 50,
  sourceLanguage: 51,
  sourceTitle: 52,
  sourceTopic: 53,
  publisher: 54,
  author: 55,
  publishedTime: 56,
  sourceUrl: 57,
  hasAuthor: 58,
  undated: 59,
  citedSource: 60,
  hasSpeaker: 61,
  voice: 62,
  quoteTemplate: 63,
  hasQuote: 64,
  attribution: 65,
  attributedOutlet: 66,
  relation: 70,
  relationType: 71,
  relationDistance: 72,
} as const;

/** Shape for a given number of events: ~5,000 actors and ~20,000 sources at 100k+ events, scaled down (never below 50 actors/100 sources) for tiny sizes such as 1,000 events. 3 participants and 2 citations per event. */
export function datasetShape(events: number): DatasetShape {
  if (!Number.isSafeInteger(events) || events < 1) {
    throw new RangeError(`events must be a positive integer, got ${events}`);
  }
  return {
    events,
    actors: clamp(Math.round(events / 20), 50, 5_000),
    sources: clamp(Math.round(events / 5), 100, 20_000),
    places: PLACES.length,
  };
}

/** Values the benchmark's workloads use; each one matches rows of the dataset generated for `events` (at least 1,000). */
export function datasetFacts(events: number): DatasetFacts {
  const shape = datasetShape(events);
  const busyActor = buildActors(shape.actors)[CAST.busyActorId - 1]!;
  const lastFullYear = FIRST_YEAR + YEAR_COUNT - 1;
  return {
    busyActorSlug: busyActor.slug,
    chineseSearch: busyActor.names['zh-Hans']!,
    englishSearch: ENGLISH_SEARCH_WORD,
    bucketYear: lastFullYear - 2,
    filterRange: { from: `${lastFullYear - 2}-03-01T00:00:00.000Z`, to: `${lastFullYear - 2}-04-01T00:00:00.000Z` },
    filterKinds: ['MEETING', 'STATEMENT'],
    filterStatus: 'OCCURRED',
  };
}

/** Generates the dataset into the connected (migrated, empty) database; identical content for the same `events` on every run. `log` reports progress. */
export async function generateDataset(
  pool: Pool,
  events: number,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  const shape = datasetShape(events);
  const started = Date.now();
  log(`generating ${shape.events} events, ${shape.actors} actors, ${shape.sources} sources, ${shape.places} places`);
  const actors = buildActors(shape.actors);
  const outletIds = mediaOutletIds(actors);
  await withScratchSession(pool, async (client) => {
    await assertEmpty(client);
    log(`reference data: ${await runSteps(client, referenceSteps(shape, actors, outletIds))}`);
  });
  await generateEventsInParallel(pool, (chunk) => chunkSteps(shape, chunk, outletIds), eventChunks(shape.events), log);
  await withScratchSession(pool, async (client) => log(`finishing: ${await runSteps(client, finishingSteps())}`));
  log(`dataset of ${shape.events} events generated in ${seconds(Date.now() - started)}`);
}

/** One statement, run in a transaction of its own. */
interface Step {
  name: string;
  sql: string;
  params?: unknown[];
}

/** Events are generated in id ranges, several at once: each range depends on nothing but its ids. */
interface EventChunk {
  first: number;
  last: number;
}

const WORKERS = 2;
const MAX_CHUNK_EVENTS = 100_000;

async function generateEventsInParallel(
  pool: Pool,
  stepsFor: (chunk: EventChunk) => Step[],
  chunks: EventChunk[],
  log: (message: string) => void,
): Promise<void> {
  let failed = false;
  const work = async (client: PoolClient) => {
    for (let chunk = chunks.shift(); chunk && !failed; chunk = chunks.shift()) {
      log(`events ${chunk.first}-${chunk.last}: ${await runSteps(client, stepsFor(chunk))}`);
    }
  };
  const workerCount = Math.max(1, Math.min(WORKERS, pool.options.max ?? WORKERS));
  const outcomes = await Promise.allSettled(
    Array.from({ length: workerCount }, () =>
      withScratchSession(pool, work).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

function eventChunks(events: number): EventChunk[] {
  const size = Math.min(MAX_CHUNK_EVENTS, Math.ceil(events / (2 * WORKERS)));
  return Array.from({ length: Math.ceil(events / size) }, (_, index) => ({
    first: index * size + 1,
    last: Math.min(events, (index + 1) * size),
  }));
}

/** Runs `work` on a pooled connection that has the generator's vocabulary as temporary tables. */
async function withScratchSession<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await runSteps(client, vocabularySteps());
    const result = await work(client);
    await client.query(`DROP TABLE IF EXISTS ${SCRATCH_TABLES.join(', ')}`);
    client.release();
    return result;
  } catch (error) {
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** Runs the steps in order; describes how many rows each insert wrote and how long it took. */
async function runSteps(client: PoolClient, steps: readonly Step[]): Promise<string> {
  const inserts: string[] = [];
  for (const step of steps) {
    const started = Date.now();
    const result = await inTransaction(client, step);
    if (result.command === 'INSERT')
      inserts.push(`${step.name} ${result.rowCount} in ${seconds(Date.now() - started)}`);
  }
  return inserts.join(', ');
}

async function inTransaction(client: PoolClient, step: Step): Promise<QueryResult> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL work_mem = '64MB'`);
    await client.query(`SET LOCAL jit = off`);
    await client.query('SELECT begin_bulk_recording()');
    const result = await client.query(step.sql, step.params);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function assertEmpty(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ occupied: boolean }>(
    `SELECT EXISTS (SELECT FROM place) OR EXISTS (SELECT FROM actor) OR EXISTS (SELECT FROM source)
         OR EXISTS (SELECT FROM event) AS occupied`,
  );
  if (rows[0]?.occupied) throw new Error('generateDataset needs an empty database, but this one already has data');
}

const VOCABULARY_TABLES = [
  'dataset_topic',
  'dataset_template',
  'dataset_time_phrase',
  'dataset_city_region',
  'dataset_role',
];
const SCRATCH_TABLES = [...VOCABULARY_TABLES, 'dataset_event_plan'];

function vocabularySteps(): Step[] {
  return [
    vocabularyStep('dataset_topic', 'index int, tag text, zh text, en text', topicRows()),
    vocabularyStep(
      'dataset_template',
      'purpose text, kind text, variant int, variants int, zh text, en text',
      templateRows(),
    ),
    vocabularyStep('dataset_time_phrase', 'precision time_precision, language text, phrases text[]', timePhraseRows()),
    vocabularyStep('dataset_city_region', 'id bigint, region text', cityRegionRows()),
    vocabularyStep('dataset_role', 'kind event_kind, position int, role participant_role', roleRows()),
    { name: 'vocabulary statistics', sql: `ANALYZE ${VOCABULARY_TABLES.join(', ')}` },
  ];
}

function vocabularyStep(table: string, columns: string, rows: object[]): Step {
  return {
    name: table,
    sql: `CREATE TEMP TABLE ${table} AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(${columns})`,
    params: [JSON.stringify(rows)],
  };
}

function referenceSteps(shape: DatasetShape, actors: readonly ActorRow[], outletIds: number[]): Step[] {
  return [
    { name: 'places', sql: INSERT_PLACES_SQL, params: [JSON.stringify(placeRows())] },
    { name: 'actors', sql: INSERT_ACTORS_SQL, params: [JSON.stringify(actors)] },
    { name: 'sources', sql: insertSourcesSql(shape), params: [outletIds] },
  ];
}

function chunkSteps(shape: DatasetShape, chunk: EventChunk, outletIds: number[]): Step[] {
  return [
    { name: 'plan', sql: planEventsSql(shape, chunk) },
    { name: 'plan statistics', sql: 'ANALYZE dataset_event_plan' },
    { name: 'events', sql: INSERT_EVENTS_SQL },
    { name: 'participations', sql: INSERT_PARTICIPATIONS_SQL },
    { name: 'citations', sql: insertCitationsSql(shape), params: [outletIds] },
    { name: 'plan cleanup', sql: 'DROP TABLE dataset_event_plan' },
  ];
}

function finishingSteps(): Step[] {
  return [
    { name: 'event relations', sql: INSERT_RELATIONS_SQL },
    { name: 'identity sequences', sql: RESTART_IDENTITIES_SQL },
    { name: 'statistics', sql: 'ANALYZE place, actor, source, event, participation, citation, event_relation' },
  ];
}

function mediaOutletIds(actors: readonly ActorRow[]): number[] {
  return actors.filter((actor) => actor.kind === 'MEDIA_OUTLET').map((actor) => actor.id);
}

const INSERT_PLACES_SQL = `
  INSERT INTO place (id, slug, names, original_language, time_zone, latitude, longitude) OVERRIDING SYSTEM VALUE
  SELECT id, slug, names, original_language, time_zone, latitude, longitude
    FROM jsonb_to_recordset($1::jsonb) AS p(id bigint, slug text, names jsonb, original_language text,
                                             time_zone text, latitude float8, longitude float8)
   ORDER BY id`;

const INSERT_ACTORS_SQL = `
  INSERT INTO actor (id, slug, kind, names, original_language, aliases, descriptions, same_as) OVERRIDING SYSTEM VALUE
  SELECT id, slug, kind, names, original_language, aliases, descriptions, same_as
    FROM jsonb_to_recordset($1::jsonb) AS a(id bigint, slug text, kind actor_kind, names jsonb,
                                             original_language text, aliases text[], descriptions jsonb, same_as text[])
   ORDER BY id`;

function insertSourcesSql({ sources, actors }: DatasetShape): string {
  return `
  WITH drawn AS (
    SELECT j AS id,
           ${pickWeighted('j', SALT.sourceKind, SOURCE_KIND_WEIGHTS, 'source_kind')} AS kind,
           CASE WHEN ${hashed('j', SALT.sourceLanguage, 100)} < 65 THEN 'zh-Hans' ELSE 'en' END AS language,
           ($1::bigint[])[1 + ${hashed('j', SALT.publisher, 'cardinality($1::bigint[])')}] AS publisher_id,
           CASE WHEN ${hashed('j', SALT.hasAuthor, 100)} < 50 THEN 1 + ${hashed('j', SALT.author, actors)} END AS author_id,
           ${hashed('j', SALT.sourceTopic, TOPICS.length)} AS topic,
           ${hashed('j', SALT.sourceTitle, 1_000)} AS title_roll,
           DATE '${FIRST_DAY}' + ((j - 1)::bigint * ${DAY_COUNT} / ${sources})::int AS published_on,
           ${hashed('j', SALT.publishedTime, 24 * 60)} AS published_minute,
           ${hashed('j', SALT.sourceUrl, 100)} < 95 AS has_url,
           ${hashed('j', SALT.undated, 100)} >= 2 AS dated
      FROM generate_series(1, ${sources}) AS j
  )
  INSERT INTO source (id, slug, kind, title, url, publisher_id, author, language, published_at) OVERRIDING SYSTEM VALUE
  SELECT d.id, 'source-' || d.id, d.kind,
         ${fillTemplate(`CASE d.language WHEN 'en' THEN title.en ELSE title.zh END`, {
           T: `CASE d.language WHEN 'en' THEN topic.en ELSE topic.zh END`,
           R: `publisher.names ->> (CASE d.language WHEN 'en' THEN 'en' ELSE 'zh-Hans' END)`,
         })},
         CASE WHEN d.has_url THEN 'https://' || CASE d.kind WHEN 'SOCIAL_POST' THEN 'social.example.org/'
              ELSE 'news.example.org/' END || publisher.slug || to_char(d.published_on, '/YYYY/MM/DD/') || d.id END,
         d.publisher_id,
         CASE WHEN author.kind = 'PERSON' THEN author.names ->> (CASE d.language WHEN 'en' THEN 'en' ELSE 'zh-Hans' END) END,
         d.language,
         CASE WHEN d.dated THEN (d.published_on + d.published_minute * interval '1 minute') AT TIME ZONE 'UTC' END
    FROM drawn d
    JOIN actor publisher ON publisher.id = d.publisher_id
    LEFT JOIN actor author ON author.id = d.author_id
    JOIN dataset_topic topic ON topic.index = d.topic
    JOIN dataset_template title ON title.purpose = 'source_title' AND title.kind = d.kind::text
                               AND title.variant = d.title_roll % title.variants
   ORDER BY d.id`;
}

/**
 * One row per event with everything its event, participation and citation rows derive from: kind,
 * place and zone, the aligned start (and end, for spans) and three distinct actors drawn from a
 * skewed popularity curve.
 */
function planEventsSql({ events, actors, places }: DatasetShape, { first, last }: EventChunk): string {
  const cityRoll = hashed('i', SALT.city, 10_000);
  return `
  CREATE TEMP TABLE dataset_event_plan AS
  WITH drawn AS (
    SELECT i AS id,
           ${pickWeighted('i', SALT.kind, EVENT_KIND_WEIGHTS, 'event_kind')} AS kind,
           ${pickWeighted('i', SALT.status, EVENT_STATUS_WEIGHTS, 'event_status')} AS status,
           ${pickWeighted('i', SALT.precision, PRECISION_WEIGHTS, 'time_precision')} AS precision,
           1 + (${places}::bigint * ${cityRoll} * ${cityRoll} / 100000000)::int AS city_id,
           ${hashed('i', SALT.atPlace, 100)} < 40 AS at_place,
           ${hashed('i', SALT.utc, 100)} < 10 AS in_utc,
           CASE WHEN ${hashed('i', SALT.retrospective, 100)} < ${RETROSPECTIVE_PERCENT}
             THEN ${hashed('i', SALT.day, DAY_COUNT)}
             ELSE greatest(0, ((i - 1)::bigint * ${DAY_COUNT} / ${events})::int
                              - ${hashed('i', SALT.reportingDelay, REPORTING_DELAY_DAYS + 1)})
           END AS day,
           8 + ${hashed('i', SALT.hour, 12)} AS hour,
           ${hashed('i', SALT.minute, 60)} AS minute,
           ${hashed('i', SALT.span, 100)} AS span_roll,
           ${hashed('i', SALT.spanLength, 1_000)} AS span_length_roll,
           ${hashed('i', SALT.topic, TOPICS.length)} AS topic,
           ${hashed('i', SALT.language, 100)} < 80 AS in_chinese,
           ${hashed('i', SALT.hasEnglish, 100)} < 85 AS translated,
           ${popularActorSql(0, actors)} AS draw0,
           ${popularActorSql(1, actors)} AS draw1,
           ${popularActorSql(2, actors)} AS draw2
      FROM generate_series(${first}, ${last}) AS i
  ),
  cast_and_clock AS (
    SELECT d.*,
           CASE WHEN d.in_utc THEN 'UTC' ELSE city.time_zone::text END AS time_zone,
           TIMESTAMP '${FIRST_DAY}' + d.day * interval '1 day' + CASE d.precision
             WHEN 'MINUTE' THEN make_interval(hours => d.hour, mins => d.minute)
             WHEN 'HOUR' THEN make_interval(hours => d.hour)
             ELSE interval '0' END AS local_start,
           CASE WHEN d.precision <> 'YEAR' AND d.span_roll < CASE d.kind WHEN 'VISIT' THEN 60 ELSE 6 END
             THEN CASE d.precision
               WHEN 'DAY' THEN (1 + d.span_length_roll % 5) * interval '1 day'
               WHEN 'HOUR' THEN (1 + d.span_length_roll % 4) * interval '1 hour'
               WHEN 'MINUTE' THEN (15 + 15 * (d.span_length_roll % 12)) * interval '1 minute'
               ELSE (1 + d.span_length_roll % 3) * interval '1 month' END
           END AS span,
           d.draw0 AS actor0,
           CASE WHEN d.draw1 <> d.draw0 THEN d.draw1 ELSE d.draw0 % ${actors} + 1 END AS actor1
      FROM drawn d
      JOIN place city ON city.id = d.city_id
  )
  SELECT c.id, c.kind, c.status, c.precision, c.time_zone, c.topic, c.day, c.city_id,
         CASE WHEN c.in_chinese THEN 'zh-Hans' ELSE 'en' END AS original_language,
         NOT c.in_chinese OR c.translated AS has_english,
         CASE WHEN c.at_place THEN c.city_id END AS place_id,
         date_trunc(lower(c.precision::text), c.local_start AT TIME ZONE c.time_zone, c.time_zone) AS start_at,
         date_trunc(lower(c.precision::text), (c.local_start + c.span) AT TIME ZONE c.time_zone, c.time_zone) AS end_at,
         c.actor0, c.actor1,
         CASE WHEN c.draw2 NOT IN (c.actor0, c.actor1) THEN c.draw2
              WHEN c.draw2 % ${actors} + 1 NOT IN (c.actor0, c.actor1) THEN c.draw2 % ${actors} + 1
              ELSE (c.draw2 + 1) % ${actors} + 1 END AS actor2
    FROM cast_and_clock c
   ORDER BY c.id`;
}

/** The actor drawn for participant slot `slot`: a few actors take large shares, the rest share the remainder evenly. */
function popularActorSql(slot: number, actors: number): string {
  const tier = hashed('i', SALT.castTier + slot, CAST.draws);
  const prominentEnd = CAST.busyShare + CAST.prominentCount * CAST.prominentShare;
  const notableCount = notableActorCount(actors);
  const firstNotable = CAST.busyActorId + CAST.prominentCount + 1;
  return `CASE
             WHEN ${tier} < ${CAST.busyShare} THEN ${CAST.busyActorId}
             WHEN ${tier} < ${prominentEnd} THEN ${CAST.busyActorId + 1} + ${tier} % ${CAST.prominentCount}
             WHEN ${tier} < ${prominentEnd + notableCount * CAST.notableShare} THEN ${firstNotable} + ${tier} % ${notableCount}
             ELSE 1 + ${hashed('i', SALT.castAnyone + slot, actors)} END`;
}

function notableActorCount(actors: number): number {
  return Math.max(10, Math.floor(actors / 50));
}

const INSERT_EVENTS_SQL = `
  INSERT INTO event (id, slug, kind, status, start_at, end_at, precision, time_zone, time_as_written, time_approximate,
                     place_id, tags, original_language, titles, summaries) OVERRIDING SYSTEM VALUE
  SELECT p.id, 'event-' || p.id, p.kind, p.status, p.start_at, p.end_at, p.precision, p.time_zone,
         CASE WHEN ${hashed('p.id', SALT.timeAsWritten, 100)} < 15
           THEN phrase.phrases[1 + ${hashed('p.id', SALT.timeAsWritten + 100, 'cardinality(phrase.phrases)')}] END,
         ${hashed('p.id', SALT.approximate, 100)} < CASE WHEN p.precision IN ('MONTH', 'YEAR') THEN 30 ELSE 3 END,
         p.place_id,
         CASE WHEN ${hashed('p.id', SALT.regionTag, 100)} < 30 THEN ARRAY[topic.tag, region.region] ELSE ARRAY[topic.tag] END,
         p.original_language,
         jsonb_build_object('zh-Hans', ${fillEventTemplate('title.zh', 'zh')})
           || CASE WHEN p.has_english THEN jsonb_build_object('en', ${fillEventTemplate('title.en', 'en')}) ELSE '{}' END,
         CASE WHEN ${hashed('p.id', SALT.hasSummary, 100)} < 70
           THEN jsonb_build_object('zh-Hans', ${fillEventTemplate('summary.zh', 'zh')})
             || CASE WHEN p.has_english THEN jsonb_build_object('en', ${fillEventTemplate('summary.en', 'en')}) ELSE '{}' END
           ELSE '{}' END
    FROM dataset_event_plan p
    JOIN actor a ON a.id = p.actor0
    JOIN actor b ON b.id = p.actor1
    JOIN actor c ON c.id = p.actor2
    JOIN place city ON city.id = p.city_id
    JOIN dataset_city_region region ON region.id = p.city_id
    JOIN dataset_topic topic ON topic.index = p.topic
    JOIN dataset_template title ON title.purpose = 'event_title' AND title.kind = p.kind::text
                               AND title.variant = ${hashed('p.id', SALT.titleTemplate, 1_000)} % title.variants
    JOIN dataset_template summary ON summary.purpose = 'event_summary' AND summary.kind = 'ANY'
                                 AND summary.variant = ${hashed('p.id', SALT.summaryTemplate, 1_000)} % summary.variants
    JOIN dataset_time_phrase phrase ON phrase.precision = p.precision AND phrase.language = p.original_language
   ORDER BY p.id`;

const INSERT_PARTICIPATIONS_SQL = `
  INSERT INTO participation (event_id, actor_id, role, position)
  SELECT p.id, slot.actor_id, r.role, slot.position
    FROM dataset_event_plan p
   CROSS JOIN LATERAL (VALUES (0, p.actor0), (1, p.actor1), (2, p.actor2)) AS slot(position, actor_id)
    JOIN dataset_role r ON r.kind = p.kind AND r.position = slot.position
   ORDER BY p.id, slot.position`;

function insertCitationsSql({ sources }: DatasetShape): string {
  return `
  WITH cited AS (
    SELECT (p.id - 1) * ${CITATIONS_PER_EVENT} + s.position + 1 AS id, p.id AS event_id, s.position, p.topic,
           p.actor0, p.actor1, p.day::bigint * ${sources} / ${DAY_COUNT} + 3 * s.position AS first_candidate_source
      FROM dataset_event_plan p
     CROSS JOIN generate_series(0, ${CITATIONS_PER_EVENT - 1}) AS s(position)
  ),
  voiced AS (
    SELECT cited.*,
           1 + (first_candidate_source + ${hashed('cited.id', SALT.citedSource, 3)}) % ${sources} AS source_id,
           ${hashed('cited.id', SALT.hasSpeaker, 100)} < 40 AS has_speaker,
           ${hashed('cited.id', SALT.voice, 2)} = 0 AS lead_speaks,
           ${hashed('cited.id', SALT.hasQuote, 100)} < 85 AS has_quote
      FROM cited
  )
  INSERT INTO citation (id, event_id, source_id, attributed_to_id, speaker_id, quote, position) OVERRIDING SYSTEM VALUE
  SELECT v.id, v.event_id, v.source_id,
         CASE WHEN ${hashed('v.id', SALT.attribution, 100)} < 15
           THEN ($1::bigint[])[1 + ${hashed('v.id', SALT.attributedOutlet, 'cardinality($1::bigint[])')}] END,
         CASE WHEN v.has_speaker THEN voice.id END,
         CASE WHEN v.has_quote THEN ${fillTemplate(`CASE s.language WHEN 'en' THEN quote.en ELSE quote.zh END`, {
           T: `CASE s.language WHEN 'en' THEN topic.en ELSE topic.zh END`,
           S: `voice.names ->> (CASE s.language WHEN 'en' THEN 'en' ELSE 'zh-Hans' END)`,
           O: `other.names ->> (CASE s.language WHEN 'en' THEN 'en' ELSE 'zh-Hans' END)`,
         })} END,
         v.position
    FROM voiced v
    JOIN source s ON s.id = v.source_id
    JOIN actor voice ON voice.id = CASE WHEN v.lead_speaks THEN v.actor0 ELSE v.actor1 END
    JOIN actor other ON other.id = CASE WHEN v.lead_speaks THEN v.actor1 ELSE v.actor0 END
    JOIN dataset_topic topic ON topic.index = v.topic
    JOIN dataset_template quote ON quote.purpose = CASE WHEN v.has_speaker THEN 'spoken_quote' ELSE 'reported_quote' END
                               AND quote.kind = 'ANY'
                               AND quote.variant = ${hashed('v.id', SALT.quoteTemplate, 1_000)} % quote.variants
   ORDER BY v.id`;
}

const INSERT_RELATIONS_SQL = `
  INSERT INTO event_relation (from_event_id, type, to_event_id)
  SELECT id,
         CASE WHEN ${hashed('id', SALT.relationType, 100)} < 40 THEN 'PART_OF' ELSE 'FOLLOWS' END::relation_type,
         earlier_id
    FROM (SELECT id, lag(id, 1 + ${hashed('id', SALT.relationDistance, 5)}) OVER (ORDER BY start_at, id) AS earlier_id
            FROM event) AS timeline
   WHERE ${hashed('id', SALT.relation, 1_000)} < 30 AND earlier_id IS NOT NULL
   ORDER BY id`;

const RESTART_IDENTITIES_SQL = ['place', 'actor', 'source', 'event', 'citation']
  .map((table) => `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`)
  .join(' UNION ALL ');

interface ActorRow {
  id: number;
  slug: string;
  kind: ActorKind;
  names: Record<string, string>;
  original_language: string;
  aliases: string[];
  descriptions: Record<string, string>;
  same_as: string[];
}

/** The actors with ids 1..count, in id order: mostly people with two-character Chinese names, then institutions. */
function buildActors(count: number): ActorRow[] {
  return Array.from({ length: count }, (_, index) => {
    const id = index + 1;
    const kind = at(ACTOR_KIND_CYCLE, index % ACTOR_KIND_CYCLE.length);
    const ordinal = ordinalWithinKind(index, kind);
    return kind === 'PERSON' ? buildPerson(id, ordinal) : buildInstitution(id, kind, ordinal);
  });
}

function ordinalWithinKind(index: number, kind: ActorKind): number {
  const perCycle = ACTOR_KIND_CYCLE.filter((k) => k === kind).length;
  const earlierInCycle = ACTOR_KIND_CYCLE.slice(0, index % ACTOR_KIND_CYCLE.length).filter((k) => k === kind).length;
  return Math.floor(index / ACTOR_KIND_CYCLE.length) * perCycle + earlierInCycle;
}

function buildPerson(id: number, ordinal: number): ActorRow {
  const surnameIndex = ordinal % SURNAMES.length;
  const surname = at(SURNAMES, surnameIndex);
  const given = at(GIVEN_NAMES, (Math.floor(ordinal / SURNAMES.length) + 7 * surnameIndex) % GIVEN_NAMES.length);
  const title = at(PERSON_TITLES, ordinal % PERSON_TITLES.length);
  const english = `${surname.en} ${given.en}`;
  return {
    id,
    slug: `${slugify(english)}-${id}`,
    kind: 'PERSON',
    names: { 'zh-Hans': surname.zh + given.zh, en: english },
    original_language: 'zh-Hans',
    aliases: ordinal % 3 === 0 ? [surname.zh + title.alias.zh, `${title.alias.en} ${surname.en}`] : [],
    descriptions: { 'zh-Hans': title.description.zh, en: title.description.en },
    same_as: id <= CAST.busyActorId + CAST.prominentCount ? [`https://www.wikidata.org/wiki/Q${9_000_000 + id}`] : [],
  };
}

function buildInstitution(id: number, kind: Exclude<ActorKind, 'PERSON'>, ordinal: number): ActorRow {
  const regions = [...COUNTRIES.map((c) => ({ ...c, chinese: c.en === 'China' })), ...PLACES.map(placeRegion)];
  const types = INSTITUTION_TYPES[kind];
  const region = at(regions, ordinal % regions.length);
  const type = at(types, Math.floor(ordinal / regions.length) % types.length);
  const series = Math.floor(ordinal / (regions.length * types.length));
  const suffix = series > 0 ? ` ${series + 1}` : '';
  const english = type.en.replace('{R}', region.en) + suffix;
  const acronym = english.replace(/\b(of|to|the)\b/g, '').replace(/[^A-Z0-9]/g, '');
  return {
    id,
    slug: `${slugify(english)}-${id}`,
    kind,
    names: { 'zh-Hans': type.zh.replace('{R}', region.zh) + suffix, en: english },
    original_language: region.chinese ? 'zh-Hans' : 'en',
    aliases: ordinal % 2 === 0 && acronym.length >= 2 ? [acronym] : [],
    descriptions: {},
    same_as: [],
  };
}

function placeRegion(place: PlaceSeed): Bilingual & { chinese: boolean } {
  return { zh: place.zh, en: place.en, chinese: CHINESE_PLACE_ZONES.has(place.timeZone) };
}

function placeRows(): object[] {
  return PLACES.map((place, index) => ({
    id: index + 1,
    slug: place.slug,
    names: { 'zh-Hans': place.zh, en: place.en },
    original_language: CHINESE_PLACE_ZONES.has(place.timeZone) ? 'zh-Hans' : 'en',
    time_zone: place.timeZone,
    latitude: place.latitude,
    longitude: place.longitude,
  }));
}

function cityRegionRows(): object[] {
  return PLACES.map((place, index) => ({ id: index + 1, region: place.region }));
}

function topicRows(): object[] {
  return TOPICS.map((topic, index) => ({ index, ...topic }));
}

function templateRows(): object[] {
  return Object.entries(TEMPLATES).flatMap(([purpose, byKind]) =>
    Object.entries(byKind).flatMap(([kind, variants]) =>
      variants.map((text, variant) => ({ purpose, kind, variant, variants: variants.length, ...text })),
    ),
  );
}

function timePhraseRows(): object[] {
  return Object.entries(TIME_AS_WRITTEN).flatMap(([precision, phrases]) => [
    { precision, language: 'zh-Hans', phrases: phrases.zh },
    { precision, language: 'en', phrases: phrases.en },
  ]);
}

function roleRows(): object[] {
  return Object.entries(ROLES_BY_KIND).flatMap(([kind, roles]) =>
    roles.map((role, position) => ({ kind, position, role })),
  );
}

/** SQL for a deterministic, well-mixed integer in [0, modulus) derived from the integer `key`. */
function hashed(key: string, salt: number, modulus: number | string): string {
  return `((hashint8extended((${key})::bigint, ${salt}) & 2147483647) % (${modulus}))::int`;
}

/** SQL choosing one of `weights`' keys for the row `key`, each with probability proportional to its weight. */
function pickWeighted(key: string, salt: number, weights: Weights, sqlType: string): string {
  const entries = Object.entries(weights);
  const lowerBounds = entries.map((_, index) => entries.slice(0, index).reduce((sum, [, weight]) => sum + weight, 0));
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  const values = entries.map(([value]) => `'${value}'`).join(', ');
  return `(ARRAY[${values}]::${sqlType}[])[width_bucket(${hashed(key, salt, total)}, ARRAY[${lowerBounds.join(', ')}])]`;
}

/** SQL replacing each `{X}` placeholder of the template text by the SQL expression given for `X`. */
function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return Object.entries(values).reduce((text, [name, value]) => `replace(${text}, '{${name}}', ${value})`, template);
}

function fillEventTemplate(template: string, language: 'zh' | 'en'): string {
  const key = language === 'zh' ? 'zh-Hans' : 'en';
  return fillTemplate(template, {
    A: `a.names ->> '${key}'`,
    B: `b.names ->> '${key}'`,
    C: `c.names ->> '${key}'`,
    T: `topic.${language}`,
    P: `city.names ->> '${key}'`,
  });
}

function bilingualList(list: string): Bilingual[] {
  return list.split(',').map((pair) => {
    const [zh, ...english] = pair.trim().split(' ');
    return { zh: zh ?? '', en: english.join(' ') };
  });
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new RangeError(`index ${index} is outside a list of ${list.length}`);
  return item;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}
