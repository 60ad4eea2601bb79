package actors

// countryTable is the project's own list of countries: ISO 3166-1 alpha-3
// code (with the CAMEO additions KSV and PSE), names, demonyms (adjective and
// plural nouns) and capitals, one country a line, fields separated by "|",
// values within a field by ";". Written for sitrep from general knowledge;
// no external list was copied.
const countryTable = `
AFG|Afghanistan|Afghan;Afghans|Kabul
ALB|Albania|Albanian;Albanians|Tirana
DZA|Algeria|Algerian;Algerians|Algiers
AND|Andorra|Andorran|Andorra la Vella
AGO|Angola|Angolan;Angolans|Luanda
ATG|Antigua and Barbuda;Antigua|Antiguan|St. John's
ARG|Argentina|Argentine;Argentinian;Argentines;Argentinians|Buenos Aires
ARM|Armenia|Armenian;Armenians|Yerevan
AUS|Australia|Australian;Australians|Canberra
AUT|Austria|Austrian;Austrians|Vienna
AZE|Azerbaijan|Azerbaijani;Azeri;Azerbaijanis;Azeris|Baku
BHS|Bahamas;The Bahamas|Bahamian|Nassau
BHR|Bahrain|Bahraini;Bahrainis|Manama
BGD|Bangladesh|Bangladeshi;Bangladeshis|Dhaka;Dacca
BRB|Barbados|Barbadian|Bridgetown
BLR|Belarus;Byelorussia|Belarusian;Belarussian;Byelorussian;Belarusians|Minsk
BEL|Belgium|Belgian;Belgians|Brussels
BLZ|Belize|Belizean|Belmopan
BEN|Benin|Beninese|Porto-Novo;Cotonou
BTN|Bhutan|Bhutanese|Thimphu
BOL|Bolivia|Bolivian;Bolivians|La Paz;Sucre
BIH|Bosnia and Herzegovina;Bosnia-Herzegovina;Bosnia|Bosnian;Bosnians|Sarajevo
BWA|Botswana|Botswanan;Motswana;Batswana|Gaborone
BRA|Brazil|Brazilian;Brazilians|Brasilia;Brasília
BRN|Brunei|Bruneian|Bandar Seri Begawan
BGR|Bulgaria|Bulgarian;Bulgarians|Sofia
BFA|Burkina Faso|Burkinabe|Ouagadougou
BDI|Burundi|Burundian;Burundians|Bujumbura;Gitega
KHM|Cambodia;Kampuchea|Cambodian;Cambodians;Khmer;Kampuchean;Kampucheans|Phnom Penh
CMR|Cameroon|Cameroonian;Cameroonians|Yaounde;Yaoundé
CAN|Canada|Canadian;Canadians|Ottawa
CPV|Cape Verde;Cabo Verde|Cape Verdean|Praia
CAF|Central African Republic|Central African|Bangui
TCD|Chad|Chadian;Chadians|N'Djamena;Ndjamena
CHL|Chile|Chilean;Chileans|Santiago
CHN|China;People's Republic of China;PRC|Chinese|Beijing;Peking
COL|Colombia|Colombian;Colombians|Bogota;Bogotá
COM|Comoros|Comoran;Comorian|Moroni
COG|Republic of the Congo;Congo-Brazzaville;Congo||Brazzaville
COD|Democratic Republic of the Congo;Democratic Republic of Congo;DR Congo;DRC;Zaire|Congolese;Zairean|Kinshasa
CRI|Costa Rica|Costa Rican;Costa Ricans|San Jose;San José
CIV|Ivory Coast;Cote d'Ivoire;Côte d'Ivoire|Ivorian;Ivorians|Abidjan;Yamoussoukro
HRV|Croatia|Croatian;Croat;Croatians;Croats|Zagreb
CUB|Cuba|Cuban;Cubans|Havana
CYP|Cyprus|Cypriot;Cypriots;Greek-Cypriot;Greek Cypriot;Turkish Cypriot|Nicosia
CZE|Czech Republic;Czechia;Czechoslovakia|Czech;Czechs;Czechoslovak|Prague
DNK|Denmark|Danish;Dane;Danes|Copenhagen
DJI|Djibouti|Djiboutian|Djibouti City
DMA|Dominica|Dominican|Roseau
DOM|Dominican Republic|Dominicans|Santo Domingo
ECU|Ecuador|Ecuadorian;Ecuadorean;Ecuadorians|Quito
EGY|Egypt|Egyptian;Egyptians|Cairo
SLV|El Salvador|Salvadoran;Salvadorean;Salvadorans|San Salvador
GNQ|Equatorial Guinea|Equatoguinean|Malabo
ERI|Eritrea|Eritrean;Eritreans|Asmara
EST|Estonia|Estonian;Estonians|Tallinn
SWZ|Eswatini;Swaziland|Swazi|Mbabane
ETH|Ethiopia;Ethopia|Ethiopian;Ethiopians|Addis Ababa
FJI|Fiji|Fijian;Fijians|Suva
FIN|Finland|Finnish;Finn;Finns|Helsinki
FRA|France|French;Frenchman;Franco|Paris
GAB|Gabon|Gabonese|Libreville
GMB|Gambia;The Gambia|Gambian;Gambians|Banjul
GEO|Georgia|Georgian;Georgians|Tbilisi
DEU|Germany;West Germany;East Germany|German;Germans;West German;East German|Berlin;Bonn
GHA|Ghana|Ghanaian;Ghanaians;Ghanians|Accra
GRC|Greece|Greek;Greeks|Athens
GRD|Grenada|Grenadian|St. George's
GTM|Guatemala|Guatemalan;Guatemalans|Guatemala City
GIN|Guinea|Guinean;Guineans|Conakry
GNB|Guinea-Bissau|Bissau-Guinean|Bissau
GUY|Guyana|Guyanese|Georgetown
HTI|Haiti|Haitian;Haitians|Port-au-Prince
HND|Honduras|Honduran;Hondurans|Tegucigalpa
HUN|Hungary|Hungarian;Hungarians|Budapest
ISL|Iceland|Icelandic;Icelander;Icelanders|Reykjavik
IND|India|Indian;Indians|New Delhi;Delhi
IDN|Indonesia|Indonesian;Indonesians|Jakarta
IRN|Iran;Islamic Republic of Iran;Persia|Iranian;Iranians;Persian|Tehran;Teheran
IRQ|Iraq|Iraqi;Iraqis|Baghdad
IRL|Ireland;Republic of Ireland;Eire|Irish|Dublin
ISR|Israel;Jewish state|Israeli;Israelis|Jerusalem;Tel Aviv
ITA|Italy|Italian;Italians|Rome
JAM|Jamaica|Jamaican;Jamaicans|Kingston
JPN|Japan|Japanese|Tokyo
JOR|Jordan|Jordanian;Jordanians|Amman
KAZ|Kazakhstan|Kazakh;Kazakhstani;Kazakhs|Astana;Nur-Sultan;Almaty
KEN|Kenya|Kenyan;Kenyans|Nairobi
KIR|Kiribati|I-Kiribati|Tarawa
PRK|North Korea;Democratic People's Republic of Korea;DPRK|North Korean;North Koreans|Pyongyang
KOR|South Korea;Republic of Korea;Korea|South Korean;South Koreans;Korean;Koreans|Seoul
KSV|Kosovo|Kosovar;Kosovan;Kosovars|Pristina
KWT|Kuwait|Kuwaiti;Kuwaitis|Kuwait City
KGZ|Kyrgyzstan;Kirghizia|Kyrgyz;Kirghiz|Bishkek
LAO|Laos|Lao;Laotian;Laotians|Vientiane
LVA|Latvia|Latvian;Latvians|Riga
LBN|Lebanon|Lebanese|Beirut
LSO|Lesotho|Basotho;Mosotho|Maseru
LBR|Liberia|Liberian;Liberians|Monrovia
LBY|Libya|Libyan;Libyans|Tripoli
LIE|Liechtenstein|Liechtensteiner|Vaduz
LTU|Lithuania|Lithuanian;Lithuanians|Vilnius
LUX|Luxembourg|Luxembourgish;Luxembourger|Luxembourg City
MDG|Madagascar|Malagasy|Antananarivo
MWI|Malawi|Malawian;Malawians|Lilongwe
MYS|Malaysia|Malaysian;Malaysians|Kuala Lumpur
MDV|Maldives|Maldivian;Maldivians|Male
MLI|Mali|Malian;Malians|Bamako
MLT|Malta|Maltese|Valletta
MHL|Marshall Islands|Marshallese|Majuro
MRT|Mauritania|Mauritanian;Mauritanians|Nouakchott
MUS|Mauritius|Mauritian|Port Louis
MEX|Mexico|Mexican;Mexicans|Mexico City
FSM|Micronesia|Micronesian|Palikir
MDA|Moldova;Moldavia|Moldovan;Moldovans|Chisinau
MCO|Monaco|Monegasque|Monaco
MNG|Mongolia|Mongolian;Mongolians|Ulan Bator;Ulaanbaatar
MNE|Montenegro|Montenegrin;Montenegrins|Podgorica
MAR|Morocco|Moroccan;Moroccans|Rabat
MOZ|Mozambique|Mozambican;Mozambicans|Maputo
MMR|Myanmar;Burma|Burmese|Naypyidaw;Rangoon;Yangon
NAM|Namibia|Namibian;Namibians|Windhoek
NRU|Nauru|Nauruan|Yaren
NPL|Nepal|Nepali;Nepalese|Kathmandu
NLD|Netherlands;Holland;The Netherlands|Dutch|Amsterdam;The Hague
NZL|New Zealand|New Zealander;New Zealanders|Wellington
NIC|Nicaragua|Nicaraguan;Nicaraguans|Managua
NER|Niger|Nigerien;Nigeriens|Niamey
NGA|Nigeria|Nigerian;Nigerians|Abuja;Lagos
MKD|North Macedonia;Macedonia|Macedonian;Macedonians|Skopje
NOR|Norway|Norwegian;Norwegians|Oslo
OMN|Oman|Omani;Omanis|Muscat
PAK|Pakistan|Pakistani;Pakistanis|Islamabad
PLW|Palau|Palauan|Ngerulmud
PSE|Palestine;Palestinian territories;Palestinian Authority;West Bank;Gaza;Gaza Strip|Palestinian;Palestinians|Ramallah
PAN|Panama|Panamanian;Panamanians|Panama City
PNG|Papua New Guinea|Papua New Guinean|Port Moresby
PRY|Paraguay|Paraguayan;Paraguayans|Asuncion;Asunción
PER|Peru|Peruvian;Peruvians|Lima
PHL|Philippines;The Philippines|Philippine;Filipino;Filipinos|Manila
POL|Poland|Polish;Pole;Poles|Warsaw
PRT|Portugal|Portuguese|Lisbon
QAT|Qatar;Quatar|Qatari;Qataris|Doha
ROU|Romania;Rumania|Romanian;Romanians;Rumanian|Bucharest
RUS|Russia;Russian Federation;Soviet Union;USSR|Russian;Russians;Soviet;Soviets|Moscow;Kremlin
RWA|Rwanda|Rwandan;Rwandans;Rwandese|Kigali
KNA|Saint Kitts and Nevis|Kittitian|Basseterre
LCA|Saint Lucia|Saint Lucian|Castries
VCT|Saint Vincent and the Grenadines|Vincentian|Kingstown
WSM|Samoa|Samoan|Apia
SMR|San Marino|Sammarinese|San Marino
STP|Sao Tome and Principe|Santomean|Sao Tome
SAU|Saudi Arabia|Saudi;Saudis|Riyadh
SEN|Senegal|Senegalese|Dakar
SRB|Serbia;Yugoslavia|Serbian;Serb;Serbs;Serbians;Yugoslav|Belgrade
SLE|Sierra Leone|Sierra Leonean;Sierra Leoneans|Freetown
SGP|Singapore|Singaporean;Singaporeans|Singapore
SVK|Slovakia|Slovak;Slovakian;Slovaks|Bratislava
SVN|Slovenia|Slovenian;Slovene;Slovenians;Slovenes|Ljubljana
SLB|Solomon Islands|Solomon Islander|Honiara
SOM|Somalia|Somali;Somalis|Mogadishu
ZAF|South Africa|South African;South Africans|Pretoria;Cape Town;Johannesburg
SSD|South Sudan|South Sudanese|Juba
ESP|Spain|Spanish;Spaniard;Spaniards|Madrid
LKA|Sri Lanka;Ceylon|Sri Lankan;Sri Lankans|Colombo
SDN|Sudan|Sudanese|Khartoum
SUR|Suriname|Surinamese|Paramaribo
SWE|Sweden|Swedish;Swede;Swedes|Stockholm
CHE|Switzerland|Swiss|Bern;Berne
SYR|Syria;Syrian Arab Republic|Syrian;Syrians|Damascus
TWN|Taiwan;Republic of China|Taiwanese|Taipei
TJK|Tajikistan|Tajik;Tajiks|Dushanbe
TZA|Tanzania|Tanzanian;Tanzanians|Dodoma;Dar es Salaam
THA|Thailand|Thai;Thais|Bangkok
TLS|East Timor;Timor-Leste|East Timorese;Timorese|Dili
TGO|Togo|Togolese|Lome;Lomé
TON|Tonga|Tongan|Nuku'alofa
TTO|Trinidad and Tobago|Trinidadian|Port of Spain
TUN|Tunisia|Tunisian;Tunisians|Tunis
TUR|Turkey;Türkiye|Turkish;Turk;Turks|Ankara
TKM|Turkmenistan|Turkmen|Ashgabat
TUV|Tuvalu|Tuvaluan|Funafuti
UGA|Uganda|Ugandan;Ugandans|Kampala
UKR|Ukraine|Ukrainian;Ukrainians|Kiev;Kyiv
ARE|United Arab Emirates;UAE;Emirates|Emirati;Emiratis|Abu Dhabi;Dubai
GBR|United Kingdom;Britain;Great Britain;UK;U.K.;England;Scotland;Wales;Northern Ireland;Ulster|British;Briton;Britons;English;Scottish;Welsh;Northern Irish|London;Downing Street;Whitehall
USA|United States;United States of America;U.S.;US;USA;U.S.A.;America|American;Americans;U.S.-led;US-led|Washington;White House;Pentagon
URY|Uruguay|Uruguayan;Uruguayans|Montevideo
UZB|Uzbekistan|Uzbek;Uzbeks|Tashkent
VUT|Vanuatu|Ni-Vanuatu|Port Vila
VAT|Vatican;Holy See;Vatican City|Vatican|Vatican City
VEN|Venezuela|Venezuelan;Venezuelans|Caracas
VNM|Vietnam;Viet Nam|Vietnamese|Hanoi
YEM|Yemen|Yemeni;Yemenis|Sanaa;Sana'a
ZMB|Zambia|Zambian;Zambians|Lusaka
ZWE|Zimbabwe|Zimbabwean;Zimbabweans|Harare
`
