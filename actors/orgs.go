package actors

// orgTable lists international and regional organizations and a few major
// non-state groups: full CAMEO-style code (root IGO, NGO, IMG, MNC or a
// country, then more specific segments), and names, one organization a line.
// Written for sitrep; the codes follow the CAMEO actor conventions (IGOUNO for
// the United Nations, IGOEUR for the European Union, IGONAT for NATO, ...).
const orgTable = `
IGOUNO|United Nations;UN;U.N.;UNO;U.N;United Nations Organization
IGOUNO|UN Security Council;U.N. Security Council;Security Council;United Nations Security Council|GOV
IGOUNO|UN General Assembly;U.N. General Assembly;General Assembly|LEG
IGOUNO|UN Secretary-General;UN Secretary General;U.N. Secretary-General|GOV
IGOUNOREF|UNHCR;UN refugee agency;U.N. refugee agency;UN High Commissioner for Refugees
IGOUNOHLH|World Health Organization;WHO
IGOUNODEV|UNICEF;UN Children's Fund;World Food Program;World Food Programme;WFP;UNDP;UNESCO;OCHA;UNRWA
IGOUNOMIL|UNIFIL;MONUSCO;UNMIK;MINUSMA;UNAMID;UN peacekeepers;U.N. peacekeepers;UN peacekeeping force
IGOUNOJUD|International Court of Justice;ICJ;International Criminal Court;ICC;war crimes tribunal;UN war crimes tribunal;U.N. war crimes tribunal;Hague tribunal
IGOUNONUC|International Atomic Energy Agency;IAEA
IGOUNOLAB|International Labour Organization;International Labor Organization;International Labour Office;International Labor Office;ILO
IGOUNOHRI|UN Human Rights Council;UNHRC;Human Rights Council
IGOEUR|European Union;EU;E.U.;European Commission;European Community;EC;EEC;European Parliament;European Council;Brussels-based EU;European common market;Common Market
IGONAT|North Atlantic Treaty Organization;NATO;N.A.T.O.
IGOOSC|Organization for Security and Cooperation in Europe;Organisation for Security and Co-operation in Europe;OSCE
IGOCOE|Council of Europe
IGOARL|Arab League;League of Arab States
IGOAFR|African Union;AU;Organization of African Unity;OAU
IGOECW|Economic Community of West African States;ECOWAS;ECOMOG
IGOSAD|Southern African Development Community;SADC
IGOAFR|Intergovernmental Authority on Development;IGAD
IGOGCC|Gulf Cooperation Council;GCC
IGOOIC|Organization of Islamic Cooperation;Organisation of Islamic Cooperation;Organization of the Islamic Conference;OIC
IGOASN|Association of Southeast Asian Nations;ASEAN
IGOAPC|Asia-Pacific Economic Cooperation;APEC
IGOSCO|Shanghai Cooperation Organization;Shanghai Cooperation Organisation;SCO
IGOCIS|Commonwealth of Independent States;CIS
IGOOAS|Organization of American States;OAS
IGOBUSOPC|Organization of the Petroleum Exporting Countries;OPEC
IGOBUSIMF|International Monetary Fund;IMF
IGOBUSWBK|World Bank
IGOBUSWTO|World Trade Organization;WTO
IGOG7|Group of Seven;G7;G-7;G8;G-8;Group of Eight;G20;G-20;Group of 20
IGOWSP|Warsaw Pact
IGOCWN|Commonwealth
IGOINP|Interpol
NGOHRI|Amnesty International;Human Rights Watch;HRW;International Federation for Human Rights;Reporters Without Borders;RSF;Committee to Protect Journalists;CPJ;Syrian Observatory for Human Rights;Human Rights First
NGOHLH|Doctors Without Borders;Medecins Sans Frontieres;Médecins Sans Frontières;MSF;Red Cross;International Committee of the Red Cross;ICRC;Red Crescent;International Red Cross;Syrian Arab Red Crescent;White Helmets
NGODEV|Oxfam;Save the Children;CARE International;Mercy Corps;International Rescue Committee;Norwegian Refugee Council
NGO|Greenpeace;Transparency International;International Crisis Group;Crisis Group
IMGMUSALQ|al Qaeda;al-Qaeda;Al Qaeda;Al-Qaeda;al Qaida;al-Qaida;Al-Qaida
IMGMUSISI|Islamic State;ISIS;ISIL;IS;Daesh;Daish
SYRREBHTS|Hayat Tahrir al-Sham;HTS;Tahrir al-Sham;Nusra Front;al-Nusra Front;Jabhat al-Nusra;Jabhat Fateh al-Sham
SYRREBFSA|Free Syrian Army;FSA;Syrian National Army;National Liberation Front
SYRREBKRD|Syrian Democratic Forces;SDF;YPG;People's Protection Units
TURREBKRD|Kurdistan Workers' Party;Kurdistan Workers Party;PKK
DZAREBFIS|Islamic Salvation Front;Islamic Salvation Army
LBNREBHEZ|Hezbollah;Hizbollah;Hizballah;Hizbullah
PSEREBHMS|Hamas
PSEREBPIJ|Islamic Jihad;Palestinian Islamic Jihad
PSEGOVPLO|Palestine Liberation Organization;Palestinian Liberation Organization;PLO;Fatah
AFGREBTAL|Taliban;Taleban
SOMREBSHB|al-Shabaab;al Shabaab;Al-Shabaab;Shabaab
NGAREBBKH|Boko Haram
YEMREBHTH|Houthis;Houthi;Huthis;Ansarullah
IRNMILIRG|Revolutionary Guards;Islamic Revolutionary Guard Corps;IRGC;Revolutionary Guard;Quds Force
LKAREBLTT|Liberation Tigers of Tamil Eelam;LTTE;Tamil Tigers
AGOREBUNI|UNITA;National Union for the Total Independence of Angola
SDNREBSPL|SPLM/A;SPLA;SPLM;Sudan People's Liberation Army;Sudan People's Liberation Movement
SLEREBRUF|Revolutionary United Front;RUF
COLREBFAR|FARC;Revolutionary Armed Forces of Colombia
RUSMILWAG|Wagner Group;Wagner
`

// agencyTable lists major news agencies and broadcasters: country, status
// (state, semi-official, independent) and names. Written for sitrep.
const agencyTable = `
GBR|independent|Reuters;Thomson Reuters
GBR|state|BBC;British Broadcasting Corporation
FRA|independent|AFP;Agence France-Presse;Agence France Presse;France Presse
USA|independent|AP;Associated Press;UPI;United Press International;Bloomberg;CNN;New York Times;Washington Post;Wall Street Journal
USA|state|Voice of America;VOA;Radio Free Europe;RFE/RL
IRN|state|IRNA;Islamic Republic News Agency;Press TV;PressTV;IRIB;Islamic Republic of Iran Broadcasting
IRN|semi-official|ISNA;Iranian Students News Agency;Fars;Fars News;Fars News Agency;Tasnim;Tasnim News Agency;Mehr;Mehr News;Mehr News Agency;ILNA
SYR|state|SANA;Syrian Arab News Agency;Syrian state TV;Syrian state television
TUR|state|Anadolu;Anadolu Agency;Anatolia;TRT
TUR|independent|Hurriyet;Hürriyet;Daily Sabah;DHA;Dogan News Agency
RUS|state|TASS;Itar-Tass;ITAR-TASS;RIA Novosti;RIA;Sputnik;RT;Russia Today
RUS|independent|Interfax
CHN|state|Xinhua;Xinhua News Agency;New China News Agency;CCTV;China Daily;Global Times;People's Daily
PRK|state|KCNA;Korean Central News Agency
KOR|semi-official|Yonhap
JPN|independent|Kyodo;Kyodo News;Jiji;NHK
EGY|state|MENA;Middle East News Agency;Al-Ahram;Al Ahram
SAU|state|SPA;Saudi Press Agency
ARE|state|WAM;Emirates News Agency
QAT|state|QNA;Qatar News Agency
QAT|semi-official|Al Jazeera;Al-Jazeera
SAU|semi-official|Al Arabiya;Al-Arabiya
KWT|state|KUNA;Kuwait News Agency
JOR|state|Petra
LBN|state|NNA;National News Agency
PSE|state|WAFA
PSE|independent|Ma'an;Maan
ISR|independent|Haaretz;Jerusalem Post;Times of Israel;Ynet
IRQ|state|INA;Iraqi News Agency
BGR|state|BTA
CZE|state|CTK;Ceteka
POL|state|PAP
HUN|state|MTI
SRB|state|Tanjug
ITA|independent|ANSA
ESP|independent|EFE
DEU|independent|dpa;DPA;Deutsche Presse-Agentur
DEU|state|Deutsche Welle
IND|independent|PTI;Press Trust of India
PAK|state|APP;Associated Press of Pakistan
MYS|state|Bernama
IDN|state|Antara
AFG|independent|Pajhwok
NGA|state|NAN;News Agency of Nigeria
VNM|state|VNA;Vietnam News Agency
CUB|state|Prensa Latina
`
