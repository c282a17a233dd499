"""Countries, their other names and their demonyms: "Chinese" and "China's" are China.

    country_of("Chinese")        -> "China"
    country_of("U.S.")           -> "United States"
    country_of("Ministry")       -> None
"""

from __future__ import annotations

import re

# name | other names... | demonyms, adjectives and plurals (an underscore joins two words)
TABLE = """
Afghanistan||Afghan Afghans
Albania||Albanian Albanians
Algeria||Algerian Algerians
Angola||Angolan Angolans
Argentina||Argentine Argentinian Argentinians Argentines
Armenia||Armenian Armenians
Australia||Australian Australians
Austria||Austrian Austrians
Azerbaijan||Azerbaijani Azerbaijanis Azeri Azeris
Bahrain||Bahraini Bahrainis
Bangladesh||Bangladeshi Bangladeshis
Belarus||Belarusian Belarusians
Belgium||Belgian Belgians
Bolivia||Bolivian Bolivians
Bosnia|Bosnia and Herzegovina|Bosnian Bosnians
Brazil||Brazilian Brazilians
Bulgaria||Bulgarian Bulgarians
Cambodia||Cambodian Cambodians
Cameroon||Cameroonian Cameroonians
Canada||Canadian Canadians
Chile||Chilean Chileans
China|PRC|People's Republic of China|Chinese
Colombia||Colombian Colombians
Croatia||Croatian Croatians Croat Croats
Cuba||Cuban Cubans
Cyprus||Cypriot Cypriots
Czech Republic|Czechia|Czech Czechs
Denmark||Danish Dane Danes
Egypt||Egyptian Egyptians
Estonia||Estonian Estonians
Ethiopia||Ethiopian Ethiopians
Finland||Finnish Finn Finns
France||French
Georgia||Georgian Georgians
Germany||German Germans
Ghana||Ghanaian Ghanaians
Greece||Greek Greeks
Hong Kong||
Hungary||Hungarian Hungarians
Iceland||Icelandic Icelanders
India||Indian Indians
Indonesia||Indonesian Indonesians
Iran||Iranian Iranians
Iraq||Iraqi Iraqis
Ireland|Republic of Ireland|Irish
Israel||Israeli Israelis
Italy||Italian Italians
Japan||Japanese
Jordan||Jordanian Jordanians
Kazakhstan||Kazakh Kazakhs Kazakhstani
Kenya||Kenyan Kenyans
Kosovo||Kosovar Kosovars
Kuwait||Kuwaiti Kuwaitis
Latvia||Latvian Latvians
Lebanon||Lebanese
Libya||Libyan Libyans
Lithuania||Lithuanian Lithuanians
Malaysia||Malaysian Malaysians
Mali||Malian Malians
Mexico||Mexican Mexicans
Moldova||Moldovan Moldovans
Mongolia||Mongolian Mongolians
Morocco||Moroccan Moroccans
Myanmar|Burma|Burmese
Nepal||Nepali Nepalese
Netherlands|Holland|Dutch
New Zealand||
Nigeria||Nigerian Nigerians
North Korea|DPRK|North_Korean North_Koreans
Norway||Norwegian Norwegians
Oman||Omani Omanis
Pakistan||Pakistani Pakistanis
Palestine|Palestinian territories|Palestinian Palestinians
Peru||Peruvian Peruvians
Philippines||Philippine Filipino Filipinos
Poland||Polish Pole Poles
Portugal||Portuguese
Qatar||Qatari Qataris
Romania||Romanian Romanians
Russia|Russian Federation|Russian Russians
Rwanda||Rwandan Rwandans
Saudi Arabia||Saudi Saudis
Serbia||Serbian Serbians Serb Serbs
Singapore||Singaporean Singaporeans
Slovakia||Slovak Slovaks Slovakian
Slovenia||Slovenian Slovenians Slovene
Somalia||Somali Somalis
South Africa||South_African South_Africans
South Korea|Republic of Korea|South_Korean South_Koreans
Spain||Spanish Spaniard Spaniards
Sri Lanka||Sri_Lankan Sri_Lankans
Sudan||Sudanese
Sweden||Swedish Swede Swedes
Switzerland||Swiss
Syria||Syrian Syrians
Taiwan||Taiwanese
Thailand||Thai Thais
Tunisia||Tunisian Tunisians
Turkey|Türkiye|Turkish Turk Turks
Uganda||Ugandan Ugandans
Ukraine||Ukrainian Ukrainians
United Arab Emirates|UAE|Emirati Emiratis
United Kingdom|UK|U.K.|Britain|Great Britain|British Briton Britons
United States|US|U.S.|USA|U.S.A.|America|United States of America|American Americans
Uzbekistan||Uzbek Uzbeks
Venezuela||Venezuelan Venezuelans
Vietnam|Viet Nam|Vietnamese
Yemen||Yemeni Yemenis
Zimbabwe||Zimbabwean Zimbabweans
"""

POSSESSIVE = re.compile(r"[’']s?$")


def _build() -> dict[str, str]:
    countries: dict[str, str] = {}
    for line in TABLE.strip().splitlines():
        name, *others, demonyms = line.split("|")
        forms = [name, *(other for other in others if other)]
        forms += [word.replace("_", " ") for word in demonyms.split()]
        for form in forms:
            countries[form.casefold()] = name
    return countries


COUNTRIES = _build()


def country_of(words: str) -> str | None:
    """The country that `words` name or describe ("Chinese", "China's", "the U.S."), or None."""
    key = POSSESSIVE.sub("", words.strip()).casefold()
    key = key.removeprefix("the ")
    return COUNTRIES.get(key)
