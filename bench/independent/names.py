"""Name tables for the independent bench: Russian names in Cyrillic, Palestinian names in Arabic.

    from bench.independent.names import RU_SURNAMES, RU_MALE, RU_FEMALE, AR_MALE, AR_FEMALE, AR_FAMILY
    RU_MALE[0]        # RuGiven('Александр', 'Александрович', 'Александровна')
    AR_FAMILY[0]      # ArName('أبو شنب', 'Абу Шанаб', ('Abu Shanab', 'Abushanab', ...), (8, 4, ...))

Russian tables are in frequency order (the generator draws them by a Zipf law, so the first
ones give the namesakes a large roster has). Arabic entries carry the name as written in
Arabic, its usual Cyrillic rendering (for children registered at the consulate), and the
Latin spellings found on passports and border lists with rough relative weights. The Latin
variants are the ones the literature on Arabic name transliteration describes (vowels u/o/ou,
doubled consonants, the article al-/el-/al, particles Abu/Abou and Abd/Abed/Abdel written
apart or joined, Egyptian g for j); the weights are assumptions, see `rates.py`.
"""

from __future__ import annotations

from typing import NamedTuple


class RuGiven(NamedTuple):
    name: str
    son: str       # patronymic a son of a man with this name bears
    daughter: str  # patronymic a daughter bears


class ArName(NamedTuple):
    arabic: str
    cyrillic: str
    latin: tuple[str, ...]
    weights: tuple[int, ...]


# Surnames in the masculine form, most frequent first (the top of published frequency lists,
# with Tatar, Korean and Ukrainian names a Russian consular roster also holds).
RU_SURNAMES: tuple[str, ...] = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
    "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
    "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
    "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
    "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин",
    "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов",
    "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов",
    "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов",
    "Тихонов", "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов",
    "Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев", "Чернышёв", "Быков",
    "Маслов", "Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов", "Пономарёв", "Голубев",
    "Кудрявцев", "Прохоров", "Наумов", "Потапов", "Журавлёв", "Овчинников", "Трофимов", "Леонов",
    "Соболев", "Ермаков", "Колесников", "Гончаров", "Емельянов", "Никифоров", "Грачёв", "Котов",
    "Гришин", "Ефремов", "Архипов", "Громов", "Кириллов", "Малышев", "Панов", "Моисеев", "Румянцев",
    "Акимов", "Кондратьев", "Бирюков", "Горбунов", "Анисимов", "Ерёмин", "Тихомиров", "Галкин",
    "Лукьянов", "Михеев", "Скворцов", "Юдин", "Белоусов", "Нестеров", "Симонов", "Прокофьев",
    "Харитонов", "Князев", "Цветков", "Левин", "Митрофанов", "Воронцов", "Вишневский", "Ковальский",
    "Шевченко", "Бондаренко", "Коваленко", "Ким", "Цой", "Хабибуллин", "Гарипов", "Зиннатуллин",
    "Шайхутдинов", "Ахметов", "Валиев", "Юсупов", "Рожественский", "Щукин", "Хохлов", "Ющенко",
)

RU_MALE: tuple[RuGiven, ...] = tuple(RuGiven(*row.split()) for row in (
    "Александр Александрович Александровна", "Сергей Сергеевич Сергеевна", "Дмитрий Дмитриевич Дмитриевна",
    "Андрей Андреевич Андреевна", "Алексей Алексеевич Алексеевна", "Максим Максимович Максимовна",
    "Евгений Евгеньевич Евгеньевна", "Иван Иванович Ивановна", "Михаил Михайлович Михайловна",
    "Артём Артёмович Артёмовна", "Николай Николаевич Николаевна", "Владимир Владимирович Владимировна",
    "Никита Никитич Никитична", "Денис Денисович Денисовна", "Павел Павлович Павловна",
    "Роман Романович Романовна", "Илья Ильич Ильинична", "Кирилл Кириллович Кирилловна",
    "Антон Антонович Антоновна", "Олег Олегович Олеговна", "Игорь Игоревич Игоревна",
    "Юрий Юрьевич Юрьевна", "Виктор Викторович Викторовна", "Константин Константинович Константиновна",
    "Василий Васильевич Васильевна", "Пётр Петрович Петровна", "Фёдор Фёдорович Фёдоровна",
    "Григорий Григорьевич Григорьевна", "Тимофей Тимофеевич Тимофеевна", "Матвей Матвеевич Матвеевна",
    "Ярослав Ярославович Ярославовна", "Егор Егорович Егоровна", "Вячеслав Вячеславович Вячеславовна",
    "Анатолий Анатольевич Анатольевна", "Геннадий Геннадьевич Геннадьевна", "Валерий Валерьевич Валерьевна",
    "Леонид Леонидович Леонидовна", "Борис Борисович Борисовна", "Семён Семёнович Семёновна",
    "Георгий Георгиевич Георгиевна", "Тимур Тимурович Тимуровна", "Руслан Русланович Руслановна",
    "Ринат Ринатович Ринатовна", "Эдуард Эдуардович Эдуардовна", "Всеволод Всеволодович Всеволодовна",
    "Лев Львович Львовна", "Глеб Глебович Глебовна", "Аркадий Аркадьевич Аркадьевна",
))

RU_FEMALE: tuple[str, ...] = (
    "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария", "Екатерина", "Юлия",
    "Анастасия", "Марина", "Людмила", "Галина", "Дарья", "Ксения", "Виктория", "Алёна", "Любовь",
    "Надежда", "Вера", "Валентина", "Софья", "Полина", "Алиса", "Варвара", "Кристина", "Евгения",
    "Оксана", "Жанна", "Лилия", "Альбина", "Зоя", "Ульяна", "Яна", "Василиса", "Таисия", "Олеся",
)


def _ar(arabic: str, cyrillic: str, variants: str) -> ArName:
    """'Mohammed:8 Muhammad:5' -> spellings with weights."""
    pairs = [item.rsplit(":", 1) for item in variants.split("|")]
    return ArName(arabic, cyrillic, tuple(p[0] for p in pairs), tuple(int(p[1]) for p in pairs))


AR_MALE: tuple[ArName, ...] = (
    _ar("محمد", "Мухаммед", "Mohammed:8|Mohammad:6|Muhammad:5|Mohamed:5|Mohamad:3|Muhammed:2|Mohamad:1"),
    _ar("أحمد", "Ахмед", "Ahmad:6|Ahmed:6|Ahmet:1"),
    _ar("محمود", "Махмуд", "Mahmoud:7|Mahmud:3|Mahmood:2"),
    _ar("علي", "Али", "Ali:9|Aly:1"),
    _ar("عمر", "Омар", "Omar:8|Umar:2|Omer:1"),
    _ar("خالد", "Халед", "Khaled:6|Khalid:5|Khaleed:1"),
    _ar("يوسف", "Юсуф", "Yousef:5|Yusuf:3|Youssef:3|Yousif:2|Yosef:1"),
    _ar("إبراهيم", "Ибрагим", "Ibrahim:8|Ebrahim:2|Ibraheem:1"),
    _ar("حسن", "Хасан", "Hassan:6|Hasan:4"),
    _ar("حسين", "Хусейн", "Hussein:6|Husein:2|Hussain:2|Hosein:1"),
    _ar("مصطفى", "Мустафа", "Mustafa:5|Mostafa:4|Moustafa:2"),
    _ar("عبد الله", "Абдулла", "Abdallah:5|Abdullah:5|Abd Allah:2|Abdalla:2|Abdulla:1"),
    _ar("عبد الرحمن", "Абдуррахман", "Abdelrahman:4|Abdul Rahman:3|Abd al-Rahman:2|Abdalrahman:2|Abdulrahman:3"),
    _ar("ياسر", "Ясир", "Yasser:6|Yaser:3|Yasir:2"),
    _ar("فادي", "Фади", "Fadi:8|Fady:2"),
    _ar("رامي", "Рами", "Rami:8|Ramy:2"),
    _ar("إياد", "Ияд", "Iyad:5|Eyad:4|Ayad:1"),
    _ar("وسيم", "Васим", "Wassim:4|Wasim:3|Waseem:3"),
    _ar("آدم", "Адам", "Adam:10"),
    _ar("زكريا", "Закария", "Zakaria:5|Zakariya:3|Zakariyya:1|Zakaria:1"),
    _ar("سليم", "Салим", "Salim:5|Saleem:4|Selim:1"),
    _ar("أنس", "Анас", "Anas:9|Annas:1"),
    _ar("حمزة", "Хамза", "Hamza:7|Hamzah:3"),
    _ar("جمال", "Джамаль", "Jamal:7|Gamal:2|Jamaal:1"),
    _ar("نضال", "Нидаль", "Nidal:6|Nedal:3|Nidhal:1"),
    _ar("كريم", "Карим", "Karim:5|Kareem:5"),
    _ar("سامي", "Сами", "Sami:8|Samy:2"),
)

AR_FEMALE: tuple[ArName, ...] = (
    _ar("فاطمة", "Фатима", "Fatima:6|Fatma:3|Fatmeh:2|Fatemah:1"),
    _ar("هدى", "Худа", "Huda:5|Hoda:4|Houda:2"),
    _ar("مريم", "Мариам", "Mariam:5|Maryam:5|Miriam:1"),
    _ar("نور", "Нур", "Nour:6|Noor:4|Nur:2"),
    _ar("ياسمين", "Ясмин", "Yasmin:5|Yasmeen:4|Yasmine:2"),
    _ar("آية", "Ая", "Aya:6|Ayah:3|Aaya:1"),
    _ar("سارة", "Сара", "Sara:6|Sarah:5"),
    _ar("لينا", "Лина", "Lina:6|Leena:3"),
    _ar("منى", "Муна", "Mona:6|Muna:3|Mouna:1"),
    _ar("سلمى", "Сальма", "Salma:8|Selma:1"),
    _ar("دينا", "Дина", "Dina:7|Deena:3"),
    _ar("هالة", "Хала", "Hala:8|Halah:2"),
    _ar("ريم", "Рим", "Reem:7|Rim:2|Riem:1"),
    _ar("أمل", "Амаль", "Amal:9|Amaal:1"),
    _ar("إيمان", "Иман", "Iman:5|Eman:5"),
    _ar("ليلى", "Лейла", "Layla:4|Leila:4|Laila:3|Leyla:1"),
    _ar("زينب", "Зейнаб", "Zainab:5|Zeinab:4|Zaynab:2"),
    _ar("ملك", "Малак", "Malak:9|Malek:1"),
    _ar("رهف", "Рахаф", "Rahaf:9|Rahf:1"),
    _ar("أسماء", "Асма", "Asmaa:5|Asma:5|Asmaa':1"),
)

AR_FAMILY: tuple[ArName, ...] = (
    _ar("أبو شنب", "Абу Шанаб", "Abu Shanab:6|Abushanab:3|Abou Shanab:2|Abu-Shanab:2"),
    _ar("عبد ربه", "Абд Раббо", "Abd Rabbo:4|Abed Rabbo:4|Abdrabbo:2|Abd Rabbuh:2|Abdel Rabbo:1"),
    _ar("المصري", "Аль-Масри", "Al-Masri:5|El-Masri:3|Almasri:3|Al Masry:2"),
    _ar("الشوا", "Аш-Шава", "Al-Shawa:5|Elshawa:2|Al Shawwa:2|Shawa:2"),
    _ar("النجار", "Ан-Наджар", "Al-Najjar:5|Alnajjar:3|El-Naggar:1|Najjar:2"),
    _ar("الخطيب", "Аль-Хатиб", "Al-Khatib:5|El Khatib:3|Alkhateeb:2|Khatib:2"),
    _ar("عاشور", "Ашур", "Ashour:6|Ashur:2|Aashour:2"),
    _ar("أبو عيشة", "Абу Айша", "Abu Aisha:4|Abu Eisheh:3|Abu Eshe:2|Abuaisha:1"),
    _ar("الأغا", "Аль-Ага", "Al-Agha:5|El Agha:3|Alagha:3"),
    _ar("شعث", "Шаат", "Shaath:6|Shaat:2|Sha'ath:2"),
    _ar("سكيك", "Скайк", "Skaik:5|Sekeik:2|Sakik:2"),
    _ar("حلس", "Хиллис", "Helles:4|Hilles:4|Hillis:2"),
    _ar("أبو حصيرة", "Абу Хасира", "Abu Hasira:5|Abu Haseera:3|Abuhassira:2"),
    _ar("الفرا", "Аль-Фарра", "Al-Farra:5|El Farra:3|Alfarra:2"),
    _ar("البطش", "Аль-Батш", "Al-Batsh:5|El Batsh:3|Albatsh:2"),
    _ar("أبو مدين", "Абу Мадьян", "Abu Middain:4|Abu Madyan:3|Abu Mdeen:2"),
    _ar("الطويل", "Ат-Тавиль", "Al-Tawil:4|El Taweel:3|Altawil:2|Tawil:2"),
    _ar("قديح", "Кудейх", "Qudaih:4|Kudaih:3|Qdeih:2"),
    _ar("صيام", "Сиям", "Siam:4|Seyam:3|Siyam:3"),
    _ar("عودة", "Ауда", "Odeh:4|Ouda:3|Awda:2|Audeh:2"),
    _ar("نصار", "Нассар", "Nassar:7|Nasar:2|Nassar:1"),
    _ar("زعرب", "Зорб", "Zorob:4|Zourob:4|Zaarab:2"),
    _ar("حمدان", "Хамдан", "Hamdan:9|Hamdane:1"),
    _ar("بكر", "Бакр", "Bakr:5|Baker:4|Bakir:1"),
    _ar("الحلبي", "Аль-Халаби", "Al-Halabi:5|El Halaby:3|Alhalabi:2"),
    _ar("أبو سمرة", "Абу Самра", "Abu Samra:5|Abou Samra:3|Abusamra:2"),
)
