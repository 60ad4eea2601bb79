package actors

// agentTable maps role words (singular, lower case; multi-word phrases
// allowed) to CAMEO sector codes, one sector a line. A role word combines
// with the country of its phrase: "Syrian troops" -> SYR + MIL. Written for
// sitrep after the CAMEO actor-type list (GOV government, MIL military, REB
// rebels, OPP opposition, ...).
const agentTable = `
GOV|fm;secretary general;secretary-general;government;govt;minister;foreign minister;prime minister;defence minister;defense minister;interior minister;president;vice president;vice-president;premier;chancellor;king;queen;emir;sultan;sheikh;crown prince;monarch;prince;head of state;leader;ruler;official;authority;authorities;regime;administration;ministry;foreign ministry;cabinet;spokesman;spokeswoman;spokesperson;ambassador;diplomat;envoy;embassy;consulate;negotiator;delegation;secretary of state;state department;secretary;governor;mayor;junta;council;presidency;kremlin;white house;the state;statesman;foreign secretary;home secretary;deputy;commissioner;counterpart;emissary;mediator;minister spokesman;viceroy;chief;premiership;dictator;strongman;rulers;officialdom
MIL|serviceman;servicemen;aircraft;gunship;helicopter gunship;bulldozer;army;military;armed forces;force;troops;troop;soldier;navy;naval;air force;airforce;warplane;jet;fighter jet;warship;vessel;gunboat;tank;helicopter;general;commander;officer;colonel;marine;paratrooper;peacekeeper;peacekeeping force;peacekeeping troops;defence ministry;defense ministry;defense secretary;defence secretary;pentagon;regime forces;government forces;security forces;artillery;battalion;brigade;division;unit;contingent;garrison;coalition forces;special forces;infantry;general staff;sniper;chief of staff
REB|rebel;insurgent;militant;guerrilla;guerilla;terrorist;extremist;jihadist;fighter;separatist;gunman;militia;militiaman;insurgency;rebellion;armed group;jihadi;islamist militant;bomber;suicide bomber;mujahideen;mujahedeen;warlord;paramilitary;armed opposition
OPP|opposition;dissident;opposition party;opposition leader;opposition coalition;dissent;exile;critic;reformist;opposition group;activist
REF|refugee;displaced;displaced person;internally displaced;asylum seeker;asylum-seeker;evacuee;the displaced;migrant;exiles
MED|agency;news agency;newspaper;paper;journalist;reporter;correspondent;media;television;tv;broadcaster;radio;editor;daily;weekly;magazine;website;outlet;news
JUD|court;judge;judiciary;prosecutor;supreme court;high court;tribunal;justice;attorney general;magistrate;constitutional court;jury;lawyer
LEG|parliament;lawmaker;legislator;legislature;congress;senate;senator;congressman;congresswoman;mp;member of parliament;deputies;assembly;national assembly;duma;knesset;majlis;speaker;house of representatives;parliamentarian
COP|border patrol;border patrol agent;police;policeman;policemen;police officer;security service;gendarme;gendarmerie;border guard;riot police;interior ministry;coast guard;border police
SPY|intelligence;intelligence service;spy;agent;secret service;intelligence agency;cia;mossad;mi6;fsb;kgb;isi;intelligence official
CVL|town;village;home;house;neighborhood;neighbourhood;civilian;detainee;prisoner;youth;immigrant;landowner;resident;citizen;villager;people;population;national;family;child;children;woman;women;man;men;passenger;protester;demonstrator;crowd;mob;pilgrim;tourist;inhabitant;locals;shepherd;farmer;fisherman;the wounded;victim;community
BUS|business;businessman;businessmen;businesswoman;company;firm;corporation;bank;investor;executive;industry;industrialist;trader;merchant;contractor;oil company
EDU|university;school;teacher;professor;academic;scholar;student
HLH|doctor;physician;hospital;health ministry;health official;nurse;medic;health worker;paramedic;aid worker
LAB|worker;workers;union;trade union;labor union;labour union;workers' union
REL|cleric;imam;priest;bishop;archbishop;ayatollah;mullah;rabbi;pope;church;mosque;clergy;monk;missionary;religious leader
CRM|hostage-taker;hostage taker;kidnapper;criminal;smuggler;trafficker;gang;drug cartel;cartel;pirate;thief;robber;mafia
ELI|elite;tribal leader;tribal elder;elder;chieftain;former president;ex-president;former prime minister
PTY|party;ruling party;political party
NGO|aid group;aid agency;charity;human rights group;rights group;humanitarian group;non-governmental organization;ngo;watchdog;relief agency;aid organization
`
