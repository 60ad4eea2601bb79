package events

import (
	"strconv"
	"strings"
	"sync"
)

// Code tables derived for sitrep (no file is embedded or copied):
//
//   - cameoTable: CAMEO event codes (roots, two- and three-digit codes and
//     the four-digit codes news uses) with a short label, the GDELT Goldstein
//     value, and the PLOVER event type and mode.
//   - Labels: abridged from the CAMEO codebook names (Schrodt, Gerner and
//     Yilmaz, CAMEO Conflict and Mediation Event Observations, v1.1b3), as
//     distributed in ../shared/data/cameo/cameo_eventcodes.tsv.
//   - Goldstein: GDELT's CAMEO.goldsteinscale.txt lookup
//     (../shared/data/cameo/CAMEO.goldsteinscale.gdelt.txt).
//   - PLOVER: the OEDA PLOVER project's CAMEO2PLOVER-2021.txt (draft 0.8),
//     CC BY-SA 4.0, via ../shared/data/plover/cameo_to_plover.tsv. PLOVER
//     drops CAMEO roots 01 (statements) and 02 (appeals); sitrep keeps 01
//     without a PLOVER type and maps 02 appeals to REQUEST, as the 2016 PLOVER
//     gold standard codes appeals ("urged", "called on") as DEMAND/REQUEST.
//
// Format: code|label|goldstein|plover type|plover mode, one code a line.
const cameoTable = `
01|Make public statement|0||
010|Make statement|0||
011|Decline comment|-0.1||
012|Make pessimistic comment|-0.4||
013|Make optimistic comment|0.4||
014|Consider policy option|0||
015|Acknowledge or claim responsibility|0||
016|Deny responsibility|-2||
017|Engage in symbolic act|0||
018|Make empathetic comment|3.4||
019|Express accord|3.4||
02|Appeal|3|REQUEST|
020|Make an appeal or request|3|REQUEST|appeal
021|Appeal for material cooperation|3.4|REQUEST|appeal
0211|Appeal for economic cooperation|3.4|REQUEST|appeal
0212|Appeal for military cooperation|3.4|REQUEST|appeal
0213|Appeal for judicial cooperation|3.4|REQUEST|appeal
0214|Appeal for intelligence|3.4|REQUEST|appeal
022|Appeal for diplomatic cooperation (such as policy support)|3.2|REQUEST|appeal
023|Appeal for aid|3.4|REQUEST|appeal
0231|Appeal for economic aid|3.4|REQUEST|appeal
0232|Appeal for military aid|3.4|REQUEST|appeal
0233|Appeal for humanitarian aid|3.4|REQUEST|appeal
0234|Appeal for military protection or peacekeeping|3.4|REQUEST|appeal
024|Appeal for political reform|-0.3|REQUEST|appeal
0241|Appeal for change in leadership|-0.3|REQUEST|appeal
0242|Appeal for policy change|-0.3|REQUEST|appeal
0243|Appeal for rights|-0.3|REQUEST|appeal
0244|Appeal for change in institutions, regime|-0.3|REQUEST|appeal
025|Appeal to yield|-0.3|REQUEST|appeal
0251|Appeal for easing of administrative sanctions|-0.3|REQUEST|appeal
0252|Appeal for easing of political dissent|-0.3|REQUEST|appeal
0253|Appeal for release of persons or property|-0.3|REQUEST|appeal
0254|Appeal for easing of economic sanctions, boycott, or embargo|-0.3|REQUEST|appeal
0255|Appeal for target to allow international involvement (non-mediation)|-0.3|REQUEST|appeal
0256|Appeal for de-escalation of military engagement|-0.3|REQUEST|appeal
026|Appeal to others to meet or negotiate|4|REQUEST|appeal
027|Appeal to others to settle dispute|4|REQUEST|appeal
028|Appeal to engage in or accept mediation|4|REQUEST|appeal
03|Express intent to cooperate|4|AGREE|
030|Express intent to cooperate|4|AGREE|
031|Express intent to engage in material cooperation|5.2|AGREE|
0311|Express intent to cooperate economically|5.2|AGREE|
0312|Express intent to cooperate militarily|5.2|AGREE|
0313|Express intent to cooperate on judicial matters|5.2|AGREE|
0314|Express intent to cooperate on intelligence|5.2|AGREE|
032|Express intent to engage in diplomatic cooperation (such as policy support)|4.5|AGREE|
033|Express intent to provide material aid|5.2|AGREE|
0331|Express intent to provide economic aid|5.2|AGREE|
0332|Express intent to provide military aid|5.2|AGREE|
0333|Express intent to provide humanitarian aid|5.2|AGREE|
0334|Express intent to provide military protection or peacekeeping|6|AGREE|
034|Express intent to institute political reform|7|AGREE|
0341|Express intent to change leadership|7|AGREE|
0342|Express intent to change policy|7|AGREE|
0343|Express intent to provide rights|7|AGREE|
0344|Express intent to change institutions, regime|7|AGREE|
035|Express intent to yield|7|AGREE|
0351|Express intent to ease administrative sanctions|7|AGREE|
0352|Express intent to ease popular dissent|7|AGREE|
0353|Express intent to release persons or property|7|AGREE|
0354|Express intent to ease economic sanctions, boycott, or embargo|7|AGREE|
0355|Express intent to allow international involvement (non-mediation)|7|AGREE|
0356|Express intent to de-escalate military engagement|7|AGREE|
036|Express intent to meet or negotiate|4|AGREE|
037|Express intent to settle dispute|5|AGREE|
038|Express intent to accept mediation|7|AGREE|
039|Express intent to mediate|5|AGREE|
04|Consult|1|CONSULT|
040|Consult|1|CONSULT|
041|Discuss by telephone|1|CONSULT|phone
042|Make a visit|1.9|CONSULT|visit
043|Host a visit|2.8|CONSULT|visit
044|Meet at a 'third' location|2.5|CONSULT|third-party
045|Mediate|5|CONSULT|
046|Engage in negotiation|7|CONSULT|
05|Engage in diplomatic cooperation|3.5|SUPPORT|
050|Engage in diplomatic cooperation|3.5|SUPPORT|
051|Praise or endorse|3.4|SUPPORT|
052|Defend verbally|3.5|SUPPORT|
053|Rally support on behalf of|3.8|SUPPORT|
054|Grant diplomatic recognition|6|SUPPORT|
055|Apologize|7|SUPPORT|
056|Forgive|7|SUPPORT|
057|Sign formal agreement|8|SUPPORT|
06|Engage in material cooperation|6|COOPERATE|
060|Engage in material cooperation|6|COOPERATE|
061|Cooperate economically|6.4|COOPERATE|
062|Cooperate militarily|7.4|COOPERATE|
063|Engage in judicial cooperation|7.4|COOPERATE|
064|Share intelligence or information|7|COOPERATE|
07|Provide aid|7|AID|
070|Provide aid|7|AID|
071|Provide economic aid|7.4|AID|
072|Provide military aid|8.3|AID|
073|Provide humanitarian aid|7.4|AID|
074|Provide military protection or peacekeeping|8.5|AID|
075|Grant asylum|7|AID|
08|Yield|5|CONCEDE|
080|Yield|5|CONCEDE|
081|Ease administrative sanctions|5|CONCEDE|
0811|Ease restrictions on political freedoms|5|CONCEDE|
0812|Ease ban on political parties or politicians|5|CONCEDE|
0813|Ease curfew|5|RETREAT|
0814|Ease state of emergency or martial law|5|RETREAT|
082|Ease political dissent|5|CONCEDE|
083|Accede to requests or demands for political reform|5|CONCEDE|
0831|Accede to demands for change in leadership|5|CONCEDE|
0832|Accede to demands for change in policy|5|CONCEDE|
0833|Accede to demands for rights|5|CONCEDE|
0834|Accede to demands for change in institutions, regime|5|CONCEDE|
084|Return, release|7|RETREAT|
0841|Return, release person(s)|7|RETREAT|release
0842|Return, release property|7|RETREAT|return
085|Ease economic sanctions, boycott, embargo|7|RETREAT|ease
086|Allow international involvement|9|RETREAT|access
0861|Receive deployment of peacekeepers|9|RETREAT|access
0862|Receive inspectors|9|RETREAT|access
0863|Allow humanitarian access|9|RETREAT|access
087|De-escalate military engagement|9|RETREAT|disarm
0871|Declare truce, ceasefire|9|RETREAT|ceasefire
0872|Ease military blockade|9|RETREAT|withdraw
0873|Demobilize armed forces|9|RETREAT|disarm
0874|Retreat or surrender militarily|10|RETREAT|disarm
09|Investigate|-2|ACCUSE|
090|Investigate|-2|ACCUSE|investigate
091|Investigate crime, corruption|-2|ACCUSE|investigate
092|Investigate human rights abuses|-2|ACCUSE|investigate
093|Investigate military action|-2|ACCUSE|investigate
094|Investigate war crimes|-2|ACCUSE|investigate
10|Demand|-5|REQUEST|
100|Demand|-5|REQUEST|
101|Demand material cooperation|-5|REQUEST|assist
1011|Demand economic cooperation|-5|REQUEST|assist
1012|Demand military cooperation|-5|REQUEST|assist
1013|Demand judicial cooperation|-5|REQUEST|assist
1014|Demand intelligence cooperation|-5|REQUEST|assist
102|Demand diplomatic cooperation (such as policy support)|-5|REQUEST|assist
103|Demand material aid|-5|REQUEST|assist
1031|Demand economic aid|-5|REQUEST|assist
1032|Demand military aid|-5|REQUEST|assist
1033|Demand humanitarian aid|-5|REQUEST|assist
1034|Demand military protection or peacekeeping|-5|REQUEST|assist
104|Demand political reform|-5|REQUEST|change
1041|Demand change in leadership|-5|REQUEST|change
1042|Demand policy change|-5|REQUEST|change
1043|Demand rights|-5|REQUEST|change
1044|Demand change in institutions, regime|-5|REQUEST|change
105|Demand that target yields|-5|REQUEST|change
1051|Demand easing of administrative sanctions|-5|REQUEST|yield
1052|Demand easing of political dissent|-5|REQUEST|yield
1053|Demand release of persons or property|-5|REQUEST|yield
1054|Demand easing of economic sanctions, boycott, or embargo|-5|REQUEST|yield
1055|Demand that target allows international involvement (non-mediation)|-5|REQUEST|yield
1056|Demand de-escalation of military engagement|-5|REQUEST|yield
106|Demand meeting, negotiation|-5|REQUEST|meet
107|Demand settling of dispute|-5|REQUEST|meet
108|Demand mediation|-5|REQUEST|meet
11|Disapprove|-2|ACCUSE|
110|Disapprove|-2|ACCUSE|disapprove
111|Criticize or denounce|-2|ACCUSE|disapprove
112|Accuse|-2|ACCUSE|disapprove
1121|Accuse of crime, corruption|-2|ACCUSE|allege
1122|Accuse of human rights abuses|-2|ACCUSE|allege
1123|Accuse of aggression|-2|ACCUSE|allege
1124|Accuse of war crimes|-2|ACCUSE|allege
1125|Accuse of espionage, treason|-2|ACCUSE|allege
113|Rally opposition against|-2|ACCUSE|disapprove
114|Complain officially|-2|ACCUSE|allege
115|Bring lawsuit against|-2|ACCUSE|allege
116|find guilty or liable (legally)|-2|ACCUSE|disapprove
12|Reject|-4|REJECT|
120|Reject|-4|REJECT|
121|Reject material cooperation|-4|REJECT|assist
1211|Reject economic cooperation|-4|REJECT|assist
1212|Reject military cooperation|-4|REJECT|assist
1213|Reject judicial cooperation|-4|REJECT|assist
122|Reject request or demand for material aid|-4|REJECT|assist
1221|Reject request for economic aid|-4|REJECT|assist
1222|Reject request for military aid|-4|REJECT|assist
1223|Reject request for humanitarian aid|-4|REJECT|assist
1224|Reject request for military protection or peacekeeping|-4|REJECT|assist
123|Reject request or demand for political reform|-4|REJECT|change
1231|Reject request for change in leadership|-4|REJECT|change
1232|Reject request for policy change|-4|REJECT|change
1233|Reject request for rights|-4|REJECT|change
1234|Reject request for change in institutions, regime|-4|REJECT|change
124|Refuse to yield|-4|REJECT|change
1241|Refuse to ease administrative sanctions|-4|REJECT|change
1242|Refuse to ease popular dissent|-4|REJECT|change
1243|Refuse to release persons or property|-4|REJECT|yield
1244|Refuse to ease economic sanctions, boycott, or embargo|-4|REJECT|yield
1245|Refuse to allow international involvement (non mediation)|-4|REJECT|yield
1246|Refuse to de-escalate military engagement|-4|REJECT|yield
125|Reject proposal to meet, discuss, or negotiate|-5|REJECT|meet
126|Reject mediation|-5|REJECT|meet
127|Reject plan, agreement to settle dispute|-5|REJECT|meet
128|Defy norms, law|-5|REJECT|yield
129|Veto|-5|REJECT|yield
13|Threaten|-6|THREATEN|
130|Threaten|-4.4|THREATEN|
131|Threaten non-force|-5.8|THREATEN|
1311|Threaten to reduce or stop aid|-5.8|THREATEN|relations
1312|Threaten with sanctions, boycott, embargo|-5.8|THREATEN|restrict
1313|Threaten to reduce or break relations|-5.8|THREATEN|relations
132|Threaten with administrative sanctions|-5.8|THREATEN|ban
1321|Threaten with restrictions on political freedoms|-5.8|THREATEN|political
1322|Threaten to ban political parties or politicians|-5.8|THREATEN|ban
1323|Threaten to impose curfew|-5.8|THREATEN|restrict
1324|Threaten to impose state of emergency or martial law|-5.8|THREATEN|restrict
133|Threaten with political dissent, protest|-5.8|THREATEN|relations
134|Threaten to halt negotiations|-5.8|THREATEN|relations
135|Threaten to halt mediation|-5.8|THREATEN|relations
136|Threaten to halt international involvement (non-mediation)|-7|THREATEN|expel
137|Threaten with repression|-7|THREATEN|violence
138|Threaten with military force|-7|THREATEN|violence
1381|Threaten blockade|-7|THREATEN|restrict
1382|Threaten occupation|-7|THREATEN|territory
1383|Threaten unconventional violence|-7|THREATEN|violence
1384|Threaten conventional attack|-7|THREATEN|violence
1385|Threaten attack with WMD|-7|THREATEN|violence
139|Give ultimatum|-7|THREATEN|relations
14|Protest|-6.5|PROTEST|
140|Engage in political dissent|-6.5|PROTEST|
141|Demonstrate or rally|-6.5|PROTEST|demo
1411|Demonstrate for leadership change|-6.5|PROTEST|demo
1412|Demonstrate for policy change|-6.5|PROTEST|demo
1413|Demonstrate for rights|-6.5|PROTEST|demo
1414|Demonstrate for change in institutions, regime|-6.5|PROTEST|demo
142|Conduct hunger strike|-6.5|PROTEST|hunger
1421|Conduct hunger strike for leadership change|-6.5|PROTEST|hunger
1422|Conduct hunger strike for policy change|-6.5|PROTEST|hunger
1423|Conduct hunger strike for rights|-6.5|PROTEST|hunger
1424|Conduct hunger strike for change in institutions, regime|-6.5|PROTEST|hunger
143|Conduct strike or boycott|-6.5|PROTEST|boycott
1431|Conduct strike or boycott for leadership change|-6.5|PROTEST|boycott
1432|Conduct strike or boycott for policy change|-6.5|PROTEST|boycott
1433|Conduct strike or boycott for rights|-6.5|PROTEST|boycott
1434|Conduct strike or boycott for change in institutions, regime|-6.5|PROTEST|boycott
144|Obstruct passage, block|-7.5|PROTEST|obstruct
1441|Obstruct passage to demand leadership change|-7.5|PROTEST|obstruct
1442|Obstruct passage to demand policy change|-7.5|PROTEST|obstruct
1443|Obstruct passage to demand rights|-7.5|PROTEST|obstruct
1444|Obstruct passage to demand change in institutions, regime|-7.5|PROTEST|obstruct
145|Protest violently, riot|-7.5|PROTEST|riot
1451|Engage in violent protest for leadership change|-7.5|PROTEST|riot
1452|Engage in violent protest for policy change|-7.5|PROTEST|riot
1453|Engage in violent protest for rights|-7.5|PROTEST|riot
1454|Engage in violent protest for change in institutions, regime|-7.5|PROTEST|riot
15|Exhibit force posture|-7.2|MOBILIZE|
150|Demonstrate military or police power|-7.2|MOBILIZE|
151|Increase police alert status|-7.2|MOBILIZE|police
152|Increase military alert status|-7.2|MOBILIZE|troops
153|Mobilize or increase police power|-7.2|MOBILIZE|police
154|Mobilize or increase armed forces|-7.2|MOBILIZE|troops
16|Reduce relations|-4|SANCTION|
160|Reduce relations|-4|SANCTION|
161|Reduce or break diplomatic relations|-4|SANCTION|withdraw
162|Reduce or stop material aid|-5.6|SANCTION|discontinue
1621|Reduce or stop economic assistance|-5.6|SANCTION|discontinue
1622|Reduce or stop military assistance|-5.6|SANCTION|discontinue
1623|Reduce or stop humanitarian assistance|-5.6|SANCTION|discontinue
163|Impose embargo, boycott, or sanctions|-8|COERCE|restrict
164|Halt negotiations|-7|SANCTION|withdraw
165|Halt mediation|-6.5|SANCTION|withdraw
166|Expel or withdraw|-7|SANCTION|expel
1661|Expel or withdraw peacekeepers|-7|SANCTION|expel
1662|Expel or withdraw inspectors, observers|-7|SANCTION|expel
1663|Expel or withdraw aid agencies|-7|SANCTION|expel
17|Coerce|-7|COERCE|
170|Coerce|-7|COERCE|
171|Seize or damage property|-9.2|COERCE|seize
1711|Confiscate property|-9.2|COERCE|seize
1712|Destroy property|-9.2|ASSAULT|seize
172|Impose administrative sanctions|-5|COERCE|restrict
1721|Impose restrictions on political freedoms|-5|COERCE|restrict
1722|Ban political parties or politicians|-5|COERCE|ban
1723|Impose curfew|-5|COERCE|curfew
1724|Impose state of emergency or martial law|-5|COERCE|martial-law
173|Arrest, detain, or charge with legal action|-5|COERCE|arrest
174|Expel or deport individuals|-5|COERCE|deport
175|Use tactics of violent repression|-9|ASSAULT|pro_autocracy
18|Assault|-9|ASSAULT|
180|Use unconventional violence|-9|ASSAULT|
181|Abduct, hijack, or take hostage|-9|ASSAULT|abduct
182|Physically assault|-9.5|ASSAULT|beat
1821|Sexually assault|-9|ASSAULT|sexual
1822|Torture|-9|ASSAULT|torture
1823|Kill by physical assault|-10|ASSAULT|
183|Conduct suicide, car, or other non-military bombing|-10|ASSAULT|suicide-attack
1831|Carry out suicide bombing|-10|ASSAULT|suicide-attack
1832|Carry out car bombing|-10|ASSAULT|explosives
1833|Carry out roadside bombing|-10|ASSAULT|explosives
184|Use as human shield|-8|ASSAULT|abduct
185|Attempt to assassinate|-8|ASSAULT|assassinate
186|Assassinate|-10|ASSAULT|assassinate
19|Fight|-10|ASSAULT|
190|Use conventional military force|-10|ASSAULT|
191|Impose blockade, restrict movement|-9.5|COERCE|restrict
192|Occupy territory|-9.5|COERCE|seize
193|fight with small arms and light weapons|-10|ASSAULT|firearms
194|fight with artillery and tanks|-10|ASSAULT|heavy-weapons
195|Employ aerial weapons|-10|ASSAULT|heavy-weapons
196|Violate ceasefire|-9.5|ASSAULT|
20|Use unconventional mass violence|-10|ASSAULT|
200|Use unconventional mass violence|-10|ASSAULT|massacre
201|Engage in mass expulsion|-9.5|ASSAULT|cleansing
202|Engage in mass killings|-10|ASSAULT|massacre
203|Engage in ethnic cleansing|-10|ASSAULT|cleansing
204|Use weapons of mass destruction|-10|ASSAULT|unconventional
2041|Use chemical, biological, or radiological weapons|-10|ASSAULT|unconventional
2042|Detonate nuclear weapons|-10|ASSAULT|unconventional
`

// CodeInfo describes one CAMEO event code.
type CodeInfo struct {
	Code      string
	Label     string
	Goldstein float64
	Plover    string // PLOVER event type, "" for CAMEO 01
	Mode      string // PLOVER mode, may be ""
}

var codeInfos = sync.OnceValue(func() map[string]CodeInfo {
	m := map[string]CodeInfo{}
	for _, line := range strings.Split(cameoTable, "\n") {
		f := strings.Split(line, "|")
		if len(f) != 5 {
			continue
		}
		g, _ := strconv.ParseFloat(f[2], 64)
		m[f[0]] = CodeInfo{Code: f[0], Label: f[1], Goldstein: g, Plover: f[3], Mode: f[4]}
	}
	return m
})

// Info returns the description of a CAMEO code; unknown four- and
// three-digit codes fall back to their parent.
func Info(code string) (CodeInfo, bool) {
	m := codeInfos()
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if ci, ok := m[c]; ok {
			if c != code {
				ci.Code = code
			}
			return ci, true
		}
	}
	return CodeInfo{}, false
}

// Root returns the two-digit root of a CAMEO code.
func Root(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}
