"""Short instructions for every exercise type, in simple Norwegian and in the help languages.

Help languages: English, Arabic (right to left), Ukrainian, Tigrinya, Somali and Dari (right to
left).  The texts were written for this project; they should be read by a native speaker of
each language before wide use (TODO(#5): native-speaker review of ar, uk, ti, so, prs).
Norwegian button labels ("Kan det", "Igjen") and the articles en/ei/et stay in Norwegian,
because that is what the learner sees on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from exercises.errors import UnknownExerciseType

__all__ = [
    "HELP_LANGUAGES",
    "Instruction",
    "LanguageInfo",
    "instruction_for",
    "instructions_for",
    "resolve_language",
]


@dataclass(frozen=True)
class LanguageInfo:
    """A help language: code, name in the language itself, and text direction."""

    code: str
    name: str
    direction: str  # "ltr" | "rtl"


#: Supported instruction languages; "nb" is the simple-Norwegian default.
HELP_LANGUAGES: dict[str, LanguageInfo] = {
    "nb": LanguageInfo("nb", "norsk", "ltr"),
    "en": LanguageInfo("en", "English", "ltr"),
    "ar": LanguageInfo("ar", "العربية", "rtl"),
    "uk": LanguageInfo("uk", "українська", "ltr"),
    "ti": LanguageInfo("ti", "ትግርኛ", "ltr"),
    "so": LanguageInfo("so", "Soomaali", "ltr"),
    "prs": LanguageInfo("prs", "دری", "rtl"),
}

#: Other codes browsers and forms use for the same languages.
_ALIASES = {"no": "nb", "nn": "nb", "fa-af": "prs", "fa": "prs", "prs-af": "prs"}


@dataclass(frozen=True)
class Instruction:
    """One instruction text, ready to render (``dir`` attribute from ``direction``)."""

    type: str
    language: str
    text: str
    direction: str
    norwegian: str  # the simple Norwegian text, always shown beside the translation

    def to_dict(self) -> dict[str, str]:
        """Return a JSON-ready dict."""
        return {
            "type": self.type,
            "language": self.language,
            "text": self.text,
            "direction": self.direction,
            "norwegian": self.norwegian,
        }


_TEXTS: dict[str, dict[str, str]] = {
    "flashcard": {
        "nb": "Se på ordet og hør på det. Husker du hva det betyr? Snu kortet. "
        "Trykk «Kan det» eller «Igjen».",
        "en": "Look at the word and listen to it. Do you remember what it means? Turn the card. "
        "Tap «Kan det» (I know it) or «Igjen» (again).",
        "ar": "انظر إلى الكلمة واستمع إليها. هل تتذكر معناها؟ اقلب البطاقة. "
        "اضغط «Kan det» (أعرفها) أو «Igjen» (مرة أخرى).",
        "uk": "Подивіться на слово й послухайте його. Чи пам'ятаєте, що воно означає? "
        "Переверніть картку. Натисніть «Kan det» (знаю) або «Igjen» (ще раз).",
        "ti": "ነቲ ቃል ርአዮን ስምዖን። ትርጉሙ ትዝክሮ ዶ? ነቲ ካርድ ግልብጦ። "
        "«Kan det» (ይፈልጦ እየ) ወይ «Igjen» (ደጊምካ) ጠውቕ።",
        "so": "Eeg erayga oo dhageyso. Ma xasuusataa waxa uu ka dhigan yahay? Rog kaarka. "
        "Riix «Kan det» (waan aqaan) ama «Igjen» (mar kale).",
        "prs": "به کلمه نگاه کنید و به آن گوش بدهید. آیا معنای آن را به یاد دارید؟ "
        "کارت را برگردانید. «Kan det» (بلد هستم) یا «Igjen» (دوباره) را فشار بدهید.",
    },
    "meaning": {
        "nb": "Hva betyr ordet? Velg riktig svar.",
        "en": "What does the word mean? Choose the right answer.",
        "ar": "ما معنى الكلمة؟ اختر الإجابة الصحيحة.",
        "uk": "Що означає це слово? Виберіть правильну відповідь.",
        "ti": "እዚ ቃል እንታይ ማለት እዩ? ቅኑዕ መልሲ ምረጽ።",
        "so": "Muxuu erayga ka dhigan yahay? Dooro jawaabta saxda ah.",
        "prs": "معنای این کلمه چیست؟ جواب درست را انتخاب کنید.",
    },
    "article": {
        "nb": "Velg riktig ord foran ordet: en, ei eller et. Noen ord kan ha to.",
        "en": "Choose the right small word before the noun: en, ei or et. Some nouns can take two.",
        "ar": "اختر الكلمة الصغيرة الصحيحة قبل الاسم: en أو ei أو et. بعض الأسماء تقبل اثنتين.",
        "uk": "Виберіть правильний артикль перед іменником: en, ei або et. "
        "Деякі іменники можуть мати два.",
        "ti": "ቅድሚ እቲ ስም ዝመጽእ ቅኑዕ ንእሽቶ ቃል ምረጽ: en, ei ወይ et። ገለ ስማት ክልተ ክወስዱ ይኽእሉ እዮም።",
        "so": "Dooro ereyga yar ee saxda ah ee ka horreeya magaca: en, ei ama et. "
        "Magacyada qaarkood waxay qaataan laba.",
        "prs": "کلمهٔ کوچک درست را پیش از اسم انتخاب کنید: en، ei یا et. "
        "بعضی اسم‌ها دو تا را قبول می‌کنند.",
    },
    "inflection": {
        "nb": "Skriv ordet i riktig form.",
        "en": "Write the word in the form that is asked for.",
        "ar": "اكتب الكلمة بالصيغة المطلوبة.",
        "uk": "Напишіть слово в потрібній формі.",
        "ti": "ነቲ ቃል ብዝተሓተተ ቅርጺ ጽሓፎ።",
        "so": "Ku qor erayga qaabka la weydiiyay.",
        "prs": "کلمه را به شکلی که خواسته شده بنویسید.",
    },
    "cloze": {
        "nb": "Et ord mangler i setningen. Skriv ordet i riktig form.",
        "en": "A word is missing from the sentence. Write it in the right form.",
        "ar": "هناك كلمة ناقصة في الجملة. اكتبها بالصيغة الصحيحة.",
        "uk": "У реченні бракує слова. Напишіть його в правильній формі.",
        "ti": "ኣብቲ ሓረግ ሓደ ቃል ጎዲሉ ኣሎ። ብቅኑዕ ቅርጺ ጽሓፎ።",
        "so": "Eray ayaa ka maqan jumladda. Ku qor qaabka saxda ah.",
        "prs": "یک کلمه در جمله کم است. آن را به شکل درست بنویسید.",
    },
    "listening": {
        "nb": "Hør godt etter. Velg det du hører, eller hva det betyr.",
        "en": "Listen carefully. Choose what you hear, or what it means.",
        "ar": "استمع جيدًا. اختر ما تسمعه، أو ما يعنيه.",
        "uk": "Уважно послухайте. Виберіть те, що ви чуєте, або що це означає.",
        "ti": "ብጥንቃቐ ስማዕ። ዝሰማዕካዮ ወይ ትርጉሙ ምረጽ።",
        "so": "Si fiican u dhageyso. Dooro waxa aad maqashay, ama waxa uu ka dhigan yahay.",
        "prs": "خوب گوش بدهید. چیزی را که می‌شنوید، یا معنای آن را، انتخاب کنید.",
    },
    "dictation": {
        "nb": "Hør på setningen. Skriv det du hører.",
        "en": "Listen to the sentence. Write what you hear. Small spelling mistakes are shown "
        "to you, but they count only a little.",
        "ar": "استمع إلى الجملة. اكتب ما تسمعه. "
        "سترى أخطاء الإملاء الصغيرة، لكنها لا تُحسب إلا قليلًا.",
        "uk": "Послухайте речення. Напишіть те, що чуєте. Дрібні помилки в написанні "
        "вам покажуть, але вони майже не впливають на оцінку.",
        "ti": "ነቲ ሓረግ ስማዕ። ዝሰማዕካዮ ጽሓፍ። ንኣሽቱ ጌጋታት ኣጻሕሕፋ ክርኣዩኻ እዮም፣ ግን ብዙሕ ኣይቑጸሩን።",
        "so": "Dhageyso jumladda. Qor waxa aad maqashay. Khaladaadka yar ee higgaadda "
        "waa lagu tusi doonaa, laakiin wax yar ayay ku darsadaan.",
        "prs": "به جمله گوش بدهید. چیزی را که می‌شنوید بنویسید. غلطی‌های کوچک املایی "
        "به شما نشان داده می‌شوند، اما کم حساب می‌شوند.",
    },
    "word_order": {
        "nb": "Trykk på ordene i riktig rekkefølge. Husk: verbet står på plass nummer to.",
        "en": "Tap the words in the right order to make a sentence. Remember: the verb comes "
        "second.",
        "ar": "اضغط على الكلمات بالترتيب الصحيح لتكوين جملة. تذكّر: الفعل يأتي في المكان الثاني.",
        "uk": "Натискайте на слова в правильному порядку, щоб скласти речення. "
        "Пам'ятайте: дієслово стоїть на другому місці.",
        "ti": "ሓረግ ንምስራሕ ነቶም ቃላት ብቅኑዕ ስርዓት ጠውቕ። ዘክር: እቲ ግሲ ኣብ ካልኣይ ቦታ ይመጽእ።",
        "so": "Riix erayada siday isugu xigaan si aad u samayso jumlad. "
        "Xasuuso: falku wuxuu yimaadaa meesha labaad.",
        "prs": "روی کلمه‌ها به ترتیب درست بزنید تا یک جمله بسازید. "
        "به یاد داشته باشید: فعل در جای دوم می‌آید.",
    },
    "situation": {
        "nb": "Les om situasjonen. Hva sier du? Velg riktig setning.",
        "en": "Read about the situation. What do you say? Choose the right sentence.",
        "ar": "اقرأ عن الموقف. ماذا تقول؟ اختر الجملة الصحيحة.",
        "uk": "Прочитайте про ситуацію. Що ви скажете? Виберіть правильне речення.",
        "ti": "ብዛዕባ እቲ ኩነታት ኣንብብ። እንታይ ትብል? ቅኑዕ ሓረግ ምረጽ።",
        "so": "Akhri xaaladda. Maxaad dhahaysaa? Dooro jumladda saxda ah.",
        "prs": "دربارهٔ وضعیت بخوانید. چه می‌گویید؟ جملهٔ درست را انتخاب کنید.",
    },
}


def resolve_language(code: str | None) -> str:
    """Map a code ("fa-AF", "ar-SA", "no") to a supported language; "en" if unsupported."""
    if not code:
        return "nb"
    low = code.strip().casefold().replace("_", "-")
    if low in _ALIASES:
        return _ALIASES[low]
    if low in HELP_LANGUAGES:
        return low
    base = low.split("-")[0]
    if base in _ALIASES:
        return _ALIASES[base]
    return base if base in HELP_LANGUAGES else "en"


def instruction_for(item_type: str, language: str | None) -> Instruction:
    """The instruction for ``item_type`` in ``language`` (English for an unsupported language)."""
    try:
        texts = _TEXTS[item_type]
    except KeyError as e:
        raise UnknownExerciseType(item_type) from e
    lang = resolve_language(language)
    return Instruction(
        type=item_type,
        language=lang,
        text=texts[lang],
        direction=HELP_LANGUAGES[lang].direction,
        norwegian=texts["nb"],
    )


def instructions_for(item_type: str) -> dict[str, Instruction]:
    """The instruction for ``item_type`` in every supported language."""
    return {lang: instruction_for(item_type, lang) for lang in HELP_LANGUAGES}
