<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>BackupSettingsDialog</name>
    <message>
        <location filename="../../ui/backup_dialog.py" line="139" />
        <source>Backup settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="143" />
        <source>a 'backups' folder beside the roster</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="144" />
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="149" />
        <source>Backup &amp;folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="151" />
        <source> min (0: only at open and close)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="152" />
        <source>Back up &amp;every</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="154" />
        <source>&amp;Keep the newest</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="156" />
        <source> days (one a day)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="157" />
        <source>And &amp;one a day for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="159" />
        <source> min idle (0: never)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="160" />
        <source>&amp;Lock an encrypted roster after</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="176" />
        <source>Backup folder</source>
        <translation>Папка резервных копий</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="162" />
        <source>Person at a partner</source>
        <translation>Сотрудник партнёра</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="172" />
        <source>&amp;Name</source>
        <translation>&amp;Имя</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="173" />
        <source>&amp;Position</source>
        <translation>&amp;Должность</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="174" />
        <source>P&amp;hones</source>
        <translation>&amp;Телефоны</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="175" />
        <source>&amp;E-mails</source>
        <translation>&amp;Эл. почта</translation>
    </message>
</context>
<context>
    <name>DailyChart</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="89" />
        <source>Registered</source>
        <translation>Зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="89" />
        <source>Crossed</source>
        <translation>Пересекли границу</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="130" />
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="133" />
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="136" />
        <source>persons on the roster</source>
        <translation>человек в списке</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="137" />
        <source>households</source>
        <translation>семей</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="138" />
        <source>approved, not yet crossed</source>
        <translation>одобрены, ещё не пересекли</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="139" />
        <source>approvals expiring within 2 days</source>
        <translation>одобрений истекает в ближайшие 2 дня</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="140" />
        <source>follow-ups due today or overdue</source>
        <translation>напоминаний на сегодня или просрочено</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="141" />
        <source>in the trash</source>
        <translation>в корзине</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="144" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="144" />
        <location filename="../../ui/pages/dashboard.py" line="147" />
        <location filename="../../ui/pages/dashboard.py" line="149" />
        <source>Persons</source>
        <translation>Человек</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="147" />
        <source>Locality</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="149" />
        <source>Need</source>
        <translation>Особенность</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="152" />
        <source>By status</source>
        <translation>По статусу</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="153" />
        <source>By locality</source>
        <translation>По населённым пунктам</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="154" />
        <source>Needs</source>
        <translation>Особые нужды</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="181" />
        <source>&lt;b&gt;Registrations and crossings per day&lt;/b&gt;</source>
        <translation>&lt;b&gt;Регистрации и пересечения по дням&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="196" />
        <source>Counting</source>
        <translation>Подсчёт</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../ui/labels.py" line="69" />
        <source>Case ref.</source>
        <translation>Номер дела</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="70" />
        <source>Surname</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="71" />
        <source>Given names</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72" />
        <source>Patronymic</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73" />
        <source>Surname (Latin)</source>
        <translation>Фамилия (латиницей)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74" />
        <source>Given names (Latin)</source>
        <translation>Имя (латиницей)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75" />
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76" />
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="77" />
        <source>Place of birth</source>
        <translation>Место рождения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78" />
        <source>Citizenships</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79" />
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80" />
        <source>Messenger</source>
        <translation>Мессенджер</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81" />
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82" />
        <source>Locality</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83" />
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84" />
        <source>Medical needs</source>
        <translation>Медицинские нужды</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85" />
        <source>Reduced mobility</source>
        <translation>Ограниченная подвижность</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="86" />
        <source>Pregnant</source>
        <translation>Беременность</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="87" />
        <source>Unaccompanied minor</source>
        <translation>Несовершеннолетний без сопровождения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="88" />
        <source>Consent to share</source>
        <translation>Согласие на передачу данных</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89" />
        <source>Consent date</source>
        <translation>Дата согласия</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="90" />
        <source>Registered via</source>
        <translation>Источник регистрации</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="91" />
        <source>Relationship to head</source>
        <translation>Родство с главой семьи</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="92" />
        <source>Notes</source>
        <translation>Примечания</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../../ui/pages/households.py" line="62" />
        <source>Find a household: reference or name</source>
        <translation>Найти семью: номер или фамилия</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="67" />
        <source>&amp;New household…</source>
        <translation>&amp;Новая семья…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="70" />
        <source>Ref</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="70" />
        <location filename="../../ui/pages/households.py" line="88" />
        <source>Name</source>
        <translation>Имя / фамилия</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="71" />
        <source>Members</source>
        <translation>Членов</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="88" />
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="89" />
        <source>Relationship</source>
        <translation>Родство</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="90" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="91" />
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="92" />
        <source>Citizenship</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="107" />
        <source>Set &amp;relationship</source>
        <translation>Задать &amp;родство</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="109" />
        <source>Make &amp;head</source>
        <translation>Сделать &amp;главой</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="111" />
        <source>Re&amp;move from household</source>
        <translation>&amp;Убрать из семьи</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="118" />
        <source>&amp;Add to household</source>
        <translation>&amp;Добавить в семью</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="136" />
        <source>Selected member:</source>
        <translation>Выбранный член семьи:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="144" />
        <source>Add a person:</source>
        <translation>Добавить человека:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="146" />
        <source>as</source>
        <translation>как</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="188" />
        <source>No household chosen</source>
        <translation>Семья не выбрана</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="223" />
        <source>New household</source>
        <translation>Новая семья</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="223" />
        <source>Family name of the household:</source>
        <translation>Фамилия семьи:</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../ui/lock.py" line="125" />
        <source>Wrong passphrase.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="11" />
        <source>registered</source>
        <translation>зарегистрирован</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="12" />
        <source>verified</source>
        <translation>проверен</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="13" />
        <source>submitted</source>
        <translation>подан в списке</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14" />
        <source>approved</source>
        <translation>одобрен</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15" />
        <source>crossed</source>
        <translation>пересёк границу</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16" />
        <source>evacuated</source>
        <translation>эвакуирован</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17" />
        <source>on hold</source>
        <translation>отложен</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18" />
        <source>rejected</source>
        <translation>отказано</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19" />
        <source>declined</source>
        <translation>отказался</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20" />
        <source>unreachable</source>
        <translation>нет связи</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21" />
        <source>merged</source>
        <translation>объединён</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23" />
        <source>medical</source>
        <translation>медицинские нужды</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24" />
        <source>reduced mobility</source>
        <translation>ограниченная подвижность</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25" />
        <source>pregnant</source>
        <translation>беременность</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26" />
        <source>unaccompanied minor</source>
        <translation>ребёнок без сопровождения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27" />
        <source>infant</source>
        <translation>младенец</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28" />
        <source>child</source>
        <translation>ребёнок</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29" />
        <source>elderly</source>
        <translation>пожилой</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31" />
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33" />
        <source>head</source>
        <translation>глава семьи</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34" />
        <source>spouse</source>
        <translation>супруг(а)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35" />
        <source>parent</source>
        <translation>родитель</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36" />
        <source>sibling</source>
        <translation>брат/сестра</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37" />
        <source>grandchild</source>
        <translation>внук/внучка</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38" />
        <source>grandparent</source>
        <translation>дедушка/бабушка</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39" />
        <source>other relative</source>
        <translation>другой родственник</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40" />
        <source>other</source>
        <translation>другое</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42" />
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43" />
        <source>email</source>
        <translation>эл. почта</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44" />
        <source>messenger</source>
        <translation>мессенджер</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45" />
        <source>meeting</source>
        <translation>встреча</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46" />
        <source>letter</source>
        <translation>письмо</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47" />
        <source>ministry</source>
        <translation>министерство</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48" />
        <source>border authority</source>
        <translation>пограничная служба</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49" />
        <source>international organization</source>
        <translation>международная организация</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50" />
        <source>embassy</source>
        <translation>посольство</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51" />
        <source>airline</source>
        <translation>авиакомпания</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53" />
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="54" />
        <source>sent</source>
        <translation>отправлен</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55" />
        <source>answered</source>
        <translation>получен ответ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56" />
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58" />
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="59" />
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60" />
        <source>unspecified</source>
        <translation>не указан</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61" />
        <source>passport</source>
        <translation>паспорт</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62" />
        <source>foreign passport</source>
        <translation>загранпаспорт</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63" />
        <source>national id</source>
        <translation>удостоверение личности</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64" />
        <source>birth certificate</source>
        <translation>свидетельство о рождении</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="65" />
        <source>travel document</source>
        <translation>проездной документ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66" />
        <source>residence permit</source>
        <translation>вид на жительство</translation>
    </message>
</context>
<context>
    <name>ListsPage</name>
    <message>
        <location filename="../../ui/pages/lists.py" line="80" />
        <source>List</source>
        <translation>Список</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="80" />
        <source>Partner</source>
        <translation>Партнёр</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="81" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="81" />
        <source>Members</source>
        <translation>Членов</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="82" />
        <source>Pending</source>
        <translation>Ожидают</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="82" />
        <source>Approved</source>
        <translation>Одобрены</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="83" />
        <location filename="../../ui/pages/lists.py" line="114" />
        <source>Rejected</source>
        <translation>Отказано</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="83" />
        <location filename="../../ui/pages/lists.py" line="112" />
        <source>Crossed</source>
        <translation>Пересекли границу</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="93" />
        <source>&amp;New list…</source>
        <translation>&amp;Новый список…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="95" />
        <source>Mark &amp;sent</source>
        <translation>Отметить &amp;отправленным</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="107" />
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="107" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="108" />
        <source>Name as in passport</source>
        <translation>Имя как в паспорте</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="109" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="110" />
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="111" />
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="113" />
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="125" />
        <source>Add roster &amp;selection</source>
        <translation>Добавить &amp;выбранных</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="127" />
        <source>Add everyone the roster &amp;filter shows</source>
        <translation>Добавить всех по &amp;фильтру</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="131" />
        <source>Household ref, e.g. H-00012</source>
        <translation>Номер семьи, напр. H-00012</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="132" />
        <source>Add &amp;household</source>
        <translation>Добавить &amp;семью</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="135" />
        <source>&amp;Remove selected</source>
        <translation>&amp;Убрать выбранных</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="146" />
        <source>Record &amp;answer</source>
        <translation>Записать &amp;ответ</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="148" />
        <source>Record &amp;crossing</source>
        <translation>Записать &amp;пересечение</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="173" />
        <source>Selected members:</source>
        <translation>Выбранные:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="175" />
        <source>valid until</source>
        <translation>действует до</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="224" />
        <source>No list yet: create one with New list</source>
        <translation>Списков пока нет: создайте кнопкой «Новый список»</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="230" />
        <source>no partner</source>
        <translation>без партнёра</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="233" />
        <source>%1 on the list: %2 pending, %3 approved, %4 rejected, %5 crossed</source>
        <translation>В списке %1: ожидают %2, одобрены %3, отказано %4, пересекли %5</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="292" />
        <source>No household %1 on this roster.</source>
        <translation>Семьи %1 в этом списке нет.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/lock.py" line="41" />
        <source>The roster is locked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/lock.py" line="44" />
        <source>Type the roster's passphrase to go on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/lock.py" line="51" />
        <source>Unlock</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="103" />
        <source>Dashboard</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104" />
        <source>Roster</source>
        <translation>Список</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="105" />
        <source>Households</source>
        <translation>Семьи</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106" />
        <source>Evacuation lists</source>
        <translation>Списки на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107" />
        <source>Partners and liaison log</source>
        <translation>Партнёры и журнал связи</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108" />
        <source>Trash and audit</source>
        <translation>Корзина и журнал изменений</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201" />
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201" />
        <source>&amp;Person</source>
        <translation>&amp;Человек</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202" />
        <source>&amp;Lists</source>
        <translation>&amp;Списки</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202" />
        <source>E&amp;xchange</source>
        <translation>&amp;Обмен</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202" />
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="203" />
        <source>&amp;Tools</source>
        <translation>&amp;Сервис</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="203" />
        <source>&amp;Help</source>
        <translation>С&amp;правка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208" />
        <source>&amp;New roster…</source>
        <translation>&amp;Новая база…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="209" />
        <source>&amp;Open roster…</source>
        <translation>&amp;Открыть базу…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211" />
        <source>Open &amp;recent</source>
        <translation>&amp;Недавние</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="215" />
        <source>Fill with &amp;demonstration data…</source>
        <translation>Заполнить &amp;демонстрационными данными…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="218" />
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221" />
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="224" />
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="230" />
        <source>&amp;Find</source>
        <translation>&amp;Найти</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="235" />
        <source>&amp;New person…</source>
        <translation>&amp;Новый человек…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="237" />
        <source>&amp;Edit person…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="239" />
        <source>Change &amp;status…</source>
        <translation>Сменить &amp;статус…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="241" />
        <source>Add to &amp;list…</source>
        <translation>Добавить в &amp;список…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="243" />
        <source>&amp;Log a contact…</source>
        <translation>&amp;Записать контакт…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="244" />
        <source>Move to &amp;trash</source>
        <translation>В &amp;корзину</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="248" />
        <source>Ne&amp;xt person</source>
        <translation>&amp;Следующий</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="250" />
        <source>Pre&amp;vious person</source>
        <translation>&amp;Предыдущий</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="262" />
        <source>&amp;New list…</source>
        <translation>&amp;Новый список…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270" />
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="276" />
        <source>&amp;About</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="310" />
        <source>Save the person (in the editor)</source>
        <translation>Сохранить человека (в карточке)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312" />
        <source>Save and open the next / previous person (in the editor)</source>
        <translation>Сохранить и открыть следующего / предыдущего (в карточке)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313" />
        <source>Save a liaison log entry</source>
        <translation>Сохранить запись журнала связи</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="322" />
        <source>%1   ·   operator: %2</source>
        <translation>%1   ·   оператор: %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="345" />
        <source>New roster database</source>
        <translation>Новая база списка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="346" />
        <source>Roster databases (*.db)</source>
        <translation>Базы списка (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="349" />
        <source>%1 already exists; use Open to open it.</source>
        <translation>%1 уже существует; откройте его через «Открыть».</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="355" />
        <source>Open roster database</source>
        <translation>Открыть базу списка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="356" />
        <source>Roster databases (*.db);;All files (*)</source>
        <translation>Базы списка (*.db);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="369" />
        <source>Demonstration data</source>
        <translation>Демонстрационные данные</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="370" />
        <source>Households to invent (about 3.6 persons each):</source>
        <translation>Сколько семей придумать (в среднем 3,6 человека):</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="383" />
        <source>Added %1 persons in %2 households.</source>
        <translation>Добавлено человек: %1, семей: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388" />
        <source>Filling with demonstration data</source>
        <translation>Заполнение демонстрационными данными</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="474" />
        <source>Move to trash</source>
        <translation>В корзину</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="475" />
        <source>Move %n person(s) to the trash? They can be restored from the trash (or with Undo).</source>
        <translation>
            <numerusform>Переместить %n человека в корзину? Их можно будет восстановить из корзины (или отменой).</numerusform><numerusform>Переместить %n человек в корзину? Их можно будет восстановить из корзины (или отменой).</numerusform><numerusform>Переместить %n человек в корзину? Их можно будет восстановить из корзины (или отменой).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="479" />
        <source>Move %n person(s) to the trash</source>
        <translation>
            <numerusform>%n человек — в корзину</numerusform><numerusform>%n человека — в корзину</numerusform><numerusform>%n человек — в корзину</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="499" />
        <source>There is no open evacuation list yet: create one on the Evacuation lists page.</source>
        <translation>Открытых списков на эвакуацию нет: создайте список на странице «Списки на эвакуацию».</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="503" />
        <source>Add to list</source>
        <translation>Добавить в список</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="504" />
        <source>Add %n person(s) to the list:</source>
        <translation>
            <numerusform>Добавить %n человека в список:</numerusform><numerusform>Добавить %n человек в список:</numerusform><numerusform>Добавить %n человек в список:</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="514" />
        <source>%1 added to %2.</source>
        <translation>Добавлено в «%2»: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="549" />
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="550" />
        <source>The new language applies when the window is opened again.</source>
        <translation>Новый язык будет применён при следующем открытии окна.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="556" />
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="564" />
        <source>About %1</source>
        <translation>О программе %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="566" />
        <source>An offline evacuation roster for consular missions.</source>
        <translation>Автономный список эвакуации для консульских миссий.</translation>
    </message>
</context>
<context>
    <name>NewListDialog</name>
    <message>
        <location filename="../../ui/pages/lists.py" line="48" />
        <source>New evacuation list</source>
        <translation>Новый список на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="51" />
        <source>(no partner yet)</source>
        <translation>(партнёр пока не выбран)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="58" />
        <source>&amp;Name</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="59" />
        <source>&amp;Partner</source>
        <translation>&amp;Партнёр</translation>
    </message>
</context>
<context>
    <name>OrganizationDialog</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="135" />
        <source>Partner organization</source>
        <translation>Организация-партнёр</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="149" />
        <source>&amp;Name</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="150" />
        <source>&amp;Kind</source>
        <translation>&amp;Тип</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="151" />
        <source>&amp;Country</source>
        <translation>&amp;Страна</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="152" />
        <source>N&amp;otes</source>
        <translation>&amp;Примечания</translation>
    </message>
</context>
<context>
    <name>PartnersPage</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="196" />
        <source>Organization</source>
        <translation>Организация</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="196" />
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="197" />
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="201" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="201" />
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="202" />
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="203" />
        <source>E-mails</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="206" />
        <source>Add &amp;organization…</source>
        <translation>Добавить &amp;организацию…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="208" />
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="211" />
        <source>Add &amp;person…</source>
        <translation>Добавить &amp;сотрудника…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="213" />
        <source>Edi&amp;t…</source>
        <translation>Из&amp;менить…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="218" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="218" />
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="219" />
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="220" />
        <location filename="../../ui/pages/partners.py" line="230" />
        <source>With</source>
        <translation>С кем</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="221" />
        <location filename="../../ui/pages/partners.py" line="231" />
        <source>Summary</source>
        <translation>Суть</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="221" />
        <source>Follow up</source>
        <translation>Напомнить</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="226" />
        <source>&amp;Log a contact…  (Ctrl+L)</source>
        <translation>&amp;Записать контакт…  (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="229" />
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="232" />
        <source>Overdue</source>
        <translation>Просрочено</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="236" />
        <source>Mark &amp;done</source>
        <translation>Отметить &amp;выполненным</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="243" />
        <source>&lt;b&gt;Partner organizations&lt;/b&gt;</source>
        <translation>&lt;b&gt;Организации-партнёры&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="250" />
        <source>&lt;b&gt;People there&lt;/b&gt;</source>
        <translation>&lt;b&gt;Сотрудники&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="267" />
        <source>&lt;b&gt;Liaison log&lt;/b&gt;</source>
        <translation>&lt;b&gt;Журнал связи&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="305" />
        <source>&lt;b&gt;Follow-ups due today or overdue: %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Напоминаний на сегодня или просрочено: %1&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="39" />
        <source>&amp;Passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="43" />
        <source>&amp;Again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="51" />
        <source>No encryption</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="52" />
        <source>Anyone who gets this file can read it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="77" />
        <source>Type the passphrase.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="80" />
        <source>Use at least %1 characters; several words are easier to remember and harder to guess.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/passphrase_dialog.py" line="84" />
        <source>The two passphrases differ.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <location filename="../../ui/person_editor.py" line="70" />
        <source>Identity</source>
        <translation>Личность</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="73" />
        <source>Contact and location</source>
        <translation>Связь и местонахождение</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="75" />
        <source>Needs and consent</source>
        <translation>Особые нужды и согласие</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="211" />
        <source>Change status…</source>
        <translation>Сменить статус…</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="218" />
        <source>&amp;Details</source>
        <translation>&amp;Данные</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="219" />
        <source>D&amp;ocuments and phones</source>
        <translation>Д&amp;окументы и телефоны</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="220" />
        <source>Hou&amp;sehold</source>
        <translation>&amp;Семья</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="221" />
        <source>&amp;History</source>
        <translation>&amp;История</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="222" />
        <source>&amp;Log and audit</source>
        <translation>&amp;Журналы</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="282" />
        <source>Type</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="282" />
        <location filename="../../ui/person_editor.py" line="296" />
        <location filename="../../ui/person_editor.py" line="309" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="283" />
        <source>Issued by</source>
        <translation>Кем выдан</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="283" />
        <source>Issued</source>
        <translation>Выдан</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="284" />
        <source>Expires</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="285" />
        <source>This document has expired</source>
        <translation>Срок действия документа истёк</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="297" />
        <source>Country (ISO)</source>
        <translation>Страна (ISO)</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="298" />
        <source>Issued YYYY-MM-DD</source>
        <translation>Выдан ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="299" />
        <source>Expires YYYY-MM-DD</source>
        <translation>Действует до ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="301" />
        <source>Add document</source>
        <translation>Добавить документ</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="303" />
        <location filename="../../ui/person_editor.py" line="320" />
        <source>Remove selected</source>
        <translation>Удалить выбранное</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="309" />
        <source>Label</source>
        <translation>Пометка</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="314" />
        <source>Phone, e.g. +970 59 123 4567</source>
        <translation>Телефон, напр. +970 59 123 4567</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="316" />
        <source>Label (mobile, relative…)</source>
        <translation>Пометка (мобильный, родственник…)</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="318" />
        <source>Add phone</source>
        <translation>Добавить телефон</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="327" />
        <source>&lt;b&gt;Documents&lt;/b&gt;</source>
        <translation>&lt;b&gt;Документы&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="335" />
        <source>&lt;b&gt;Phones&lt;/b&gt;</source>
        <translation>&lt;b&gt;Телефоны&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="349" />
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="349" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="350" />
        <source>Relationship</source>
        <translation>Родство</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="351" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="351" />
        <source>Born</source>
        <translation>Родился</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="358" />
        <source>Household ref, e.g. H-00012</source>
        <translation>Номер семьи, напр. H-00012</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="363" />
        <source>&amp;Join household</source>
        <translation>&amp;Включить в семью</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="366" />
        <source>Set relationship</source>
        <translation>Задать родство</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="368" />
        <source>Lea&amp;ve household</source>
        <translation>&amp;Исключить из семьи</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="374" />
        <source>Household:</source>
        <translation>Семья:</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="376" />
        <source>as</source>
        <translation>как</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="388" />
        <location filename="../../ui/person_editor.py" line="397" />
        <location filename="../../ui/person_editor.py" line="413" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="388" />
        <location filename="../../ui/person_editor.py" line="413" />
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="389" />
        <source>With</source>
        <translation>С кем</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="390" />
        <source>Summary</source>
        <translation>Суть</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="390" />
        <source>Follow up</source>
        <translation>Напомнить</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="397" />
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="398" />
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="398" />
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="404" />
        <source>&lt;b&gt;Liaison log entries about this person&lt;/b&gt;</source>
        <translation>&lt;b&gt;Записи журнала связи об этом человеке&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="406" />
        <source>&lt;b&gt;Audit trail of this record&lt;/b&gt;</source>
        <translation>&lt;b&gt;Журнал изменений этой записи&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="414" />
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="415" />
        <source>To</source>
        <translation>На</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="415" />
        <location filename="../../ui/person_editor.py" line="421" />
        <source>List</source>
        <translation>Список</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="416" />
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="421" />
        <source>Partner</source>
        <translation>Партнёр</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="422" />
        <source>List state</source>
        <translation>Состояние списка</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="423" />
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="423" />
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="424" />
        <source>Crossed</source>
        <translation>Пересекли границу</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="429" />
        <source>&lt;b&gt;Status history&lt;/b&gt;</source>
        <translation>&lt;b&gt;История статусов&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="431" />
        <source>&lt;b&gt;Evacuation lists and the partners' answers&lt;/b&gt;</source>
        <translation>&lt;b&gt;Списки на эвакуацию и ответы партнёров&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="451" />
        <location filename="../../ui/person_editor.py" line="452" />
        <source>New person</source>
        <translation>Новый человек</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="453" />
        <source>will be registered</source>
        <translation>будет зарегистрирован</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="457" />
        <source>Save the person first, then choose a household.</source>
        <translation>Сначала сохраните человека, затем выберите семью.</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="462" />
        <source>Status: %1</source>
        <translation>Статус: %1</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="476" />
        <source>Not in a household. Type a household reference to join one.</source>
        <translation>Не в семье. Введите номер семьи, чтобы включить в неё.</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="510" />
        <source>a surname (native or Latin) is required</source>
        <translation>нужна фамилия (на родном языке или латиницей)</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="531" />
        <location filename="../../ui/person_editor.py" line="563" />
        <source>expired: kept, but it cannot be used to cross</source>
        <translation>срок истёк: документ сохранён, но для пересечения границы не годится</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="561" />
        <source>expiry date: write it as YYYY-MM-DD</source>
        <translation>срок действия: введите как ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="584" />
        <source>No household %1 on this roster.</source>
        <translation>Семьи %1 в этом списке нет.</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <location filename="../../ui/person_picker.py" line="27" />
        <source>Find a person: name, case ref, passport…</source>
        <translation>Найти человека: имя, номер дела, паспорт…</translation>
    </message>
</context>
<context>
    <name>Protection</name>
    <message>
        <location filename="../../ui/protection.py" line="111" />
        <source>&amp;Back up now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="112" />
        <source>&amp;Restore from backup…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="113" />
        <source>&amp;Verify audit trail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="114" />
        <source>Backup &amp;settings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="116" />
        <location filename="../../ui/protection.py" line="130" />
        <source>&amp;Encrypt roster…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="117" />
        <source>&amp;Lock now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="118" />
        <source>Close the crisis (re&amp;tention)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="130" />
        <source>Change &amp;passphrase…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="181" />
        <source>New roster database</source>
        <translation>Новая база списка</translation>
    </message>
    <message>
        <location filename="../../ui/protection.py" line="182" />
        <source>Roster databases (*.db)</source>
        <translation>Базы списка (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/protection.py" line="188" />
        <source>Protect the new roster</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="189" />
        <source>The roster will hold names, passport and phone numbers of people in danger. Choose a passphrase to encrypt it: without it, nobody who gets the file (a lost or seized laptop) can read it. Keep the passphrase safe: it cannot be recovered.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="217" />
        <source>Automatic backup failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="245" />
        <source>Backup written and checked: %1 persons in %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="248" />
        <source>Backing up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="258" />
        <source>Restore from backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="259" />
        <source>Go back to the backup taken %1 (%2 persons)? Changes made since then will be gone from the roster; the roster as it is now is saved first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="273" />
        <source>Restored</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="274" />
        <source>The roster is back to %1. The roster as it was is saved as %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="282" />
        <location filename="../../ui/protection.py" line="286" />
        <source>Audit trail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="283" />
        <source>The audit trail is intact: %1 entries, each one chained to the one before.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="287" />
        <source>The audit trail does not fit together: %1. Entries before it are intact. Keep this file and tell your security officer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="307" />
        <location filename="../../ui/protection.py" line="315" />
        <source>Change passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="307" />
        <source>The current passphrase:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="314" />
        <source>Encrypt roster</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="316" />
        <source>Choose the new passphrase. Backups taken before keep the passphrase they were written with.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="333" />
        <source>The roster file is encrypted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="348" />
        <source>deleted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="348" />
        <source>anonymised</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="350" />
        <location filename="../../ui/protection.py" line="352" />
        <location filename="../../ui/protection.py" line="361" />
        <location filename="../../ui/protection.py" line="371" />
        <source>Retention</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="350" />
        <source>No person matches.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="353" />
        <source>%1 persons will be %2 after the whole roster is archived, encrypted, to %3. This cannot be undone in the roster. Go on?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="358" />
        <source>Retention: confirm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="359" />
        <source>To confirm, type the number of persons to be %1:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="361" />
        <source>Nothing was changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="371" />
        <source>%1 persons %2. The encrypted archive is %3.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QMainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="610" />
        <source>Who is working?</source>
        <translation>Кто работает?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="611" />
        <source>Your name (it goes into the audit trail with every change you make):</source>
        <translation>Ваше имя (записывается в журнал изменений при каждом вашем изменении):</translation>
    </message>
</context>
<context>
    <name>QuickLogDialog</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="51" />
        <source>Log a contact</source>
        <translation>Запись о контакте</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="59" />
        <source>What was said or agreed</source>
        <translation>Что сказано или согласовано</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="62" />
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="67" />
        <source>or the name of whoever you spoke to</source>
        <translation>или имя того, с кем говорили</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="71" />
        <source>&amp;Follow up on</source>
        <translation>&amp;Напомнить</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="82" />
        <source>About %n person(s) selected in the roster</source>
        <translation>
            <numerusform>О %n человеке, выбранном в списке</numerusform><numerusform>О %n людях, выбранных в списке</numerusform><numerusform>О %n людях, выбранных в списке</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="93" />
        <source>&amp;Summary</source>
        <translation>&amp;Суть</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="94" />
        <source>&amp;Partner</source>
        <translation>&amp;Партнёр</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="95" />
        <source>Person &amp;there</source>
        <translation>&amp;Сотрудник</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="97" />
        <source>&amp;Channel</source>
        <translation>&amp;Канал</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="107" />
        <source>(nobody named)</source>
        <translation>(не указан)</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/backup_dialog.py" line="65" />
        <source>Restore from backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="70" />
        <source>Choose the backup to go back to. The roster as it is now is backed up first, so this can be undone by restoring that copy.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="76" />
        <source>Other folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="92" />
        <source>Restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/backup_dialog.py" line="114" />
        <source>Backup folder</source>
        <translation>Папка резервных копий</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <location filename="../../ui/protection.py" line="385" />
        <source>Close the crisis: retention</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="387" />
        <source>When the evacuation is over, personal data must not linger. The whole roster is first archived to an encrypted file; then the persons chosen here are anonymised (statistics stay right) or deleted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="399" />
        <source>Persons in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="403" />
        <source> days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="404" />
        <source>Unchanged for at least</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="405" />
        <source>Anonymise (keep statistics)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="406" />
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="414" />
        <source>Then</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="416" />
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/protection.py" line="421" />
        <location filename="../../ui/protection.py" line="435" />
        <source>Encrypted archive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="424" />
        <source>Archive passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="436" />
        <source>Roster archives (*.db)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/protection.py" line="443" />
        <source>Choose at least one state, the archive file and a passphrase of at least 8 characters.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RosterColumns</name>
    <message>
        <location filename="../../ui/roster_model.py" line="61" />
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="63" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="66" />
        <source>Name as in passport</source>
        <translation>Имя как в паспорте</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="68" />
        <source>Born</source>
        <translation>Родился</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="70" />
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="71" />
        <source>Citizenship</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="73" />
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="74" />
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="76" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="78" />
        <source>Household</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="79" />
        <source>Relation</source>
        <translation>Родство</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="81" />
        <source>Locality</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="83" />
        <source>Flags</source>
        <translation>Отметки</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="84" />
        <source>Updated</source>
        <translation>Изменён</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Nobody matches this search and these filters.</source>
        <translation>Никто не соответствует этому поиску и этим фильтрам.</translation>
    </message>
    <message>
        <source>The roster is empty.

Register a person: Person &gt; New person (Ctrl+N)
Import a list from a spreadsheet: Exchange &gt; Import spreadsheet (Ctrl+I)
Try the program on invented data: File &gt; Fill with demonstration data</source>
        <translation>Список пуст.

Зарегистрировать человека: Человек &gt; Новый человек (Ctrl+N)
Загрузить список из таблицы: Обмен &gt; Import spreadsheet (Ctrl+I)
Попробовать программу на вымышленных данных: Файл &gt; Заполнить демонстрационными данными</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="57" />
        <source>Search: name in any script, case ref, passport or phone  (Ctrl+F)</source>
        <translation>Поиск: имя на любом языке, номер дела, паспорт или телефон  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="59" />
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="63" />
        <source>Any list</source>
        <translation>Любой список</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="64" />
        <source>Any citizenship</source>
        <translation>Любое гражданство</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="65" />
        <source>Any locality</source>
        <translation>Любой населённый пункт</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="67" />
        <source>Household</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="71" />
        <location filename="../../ui/roster_page.py" line="190" />
        <source>Needs</source>
        <translation>Особые нужды</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="82" />
        <source>Clear filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="127" />
        <source>Filter:</source>
        <translation>Фильтр:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/roster_page.py" line="215" />
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n человек</numerusform><numerusform>%n человека</numerusform><numerusform>%n человек</numerusform></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="38" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="46" />
        <source>ISO code, e.g. EGY: phones without + are from there</source>
        <translation>Код ISO, напр. EGY: телефоны без + считаются оттуда</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="52" />
        <source>roster.db in your user data folder</source>
        <translation>roster.db в папке данных пользователя</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="53" />
        <location filename="../../ui/settings_dialog.py" line="57" />
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="56" />
        <source>beside the database</source>
        <translation>рядом с базой</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="64" />
        <source>Your &amp;name (audit trail)</source>
        <translation>Ваше &amp;имя (для журнала)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="65" />
        <source>&amp;Mission name</source>
        <translation>&amp;Название миссии</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="66" />
        <source>Host &amp;country</source>
        <translation>&amp;Страна пребывания</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67" />
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="68" />
        <source>&amp;Default database</source>
        <translation>&amp;База по умолчанию</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="69" />
        <source>&amp;Backup folder</source>
        <translation>Папка &amp;резервных копий</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="70" />
        <source>A new language applies when the window is opened again.</source>
        <translation>Новый язык будет применён при следующем открытии окна.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="86" />
        <source>Default database</source>
        <translation>База по умолчанию</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="87" />
        <source>Roster databases (*.db)</source>
        <translation>Базы списка (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="94" />
        <source>Backup folder</source>
        <translation>Папка резервных копий</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="103" />
        <source>your name</source>
        <translation>ваше имя</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="103" />
        <source>is required: it goes into the audit trail</source>
        <translation>обязательно: оно записывается в журнал изменений</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../ui/person_editor.py" line="722" />
        <source>Change status — %1</source>
        <translation>Смена статуса — %1</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="731" />
        <source>(no list)</source>
        <translation>(без списка)</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="734" />
        <source>Why (kept in the history)</source>
        <translation>Почему (сохраняется в истории)</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="739" />
        <source>Current status</source>
        <translation>Текущий статус</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="740" />
        <source>New status</source>
        <translation>Новый статус</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="741" />
        <source>Evacuation list</source>
        <translation>Список на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../ui/person_editor.py" line="742" />
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>TrashAuditPage</name>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="49" />
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="49" />
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="50" />
        <source>Deleted</source>
        <translation>Удалён</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="51" />
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="58" />
        <source>&amp;Restore selected</source>
        <translation>&amp;Восстановить выбранных</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="70" />
        <source>Case ref or UUID</source>
        <translation>Номер дела или UUID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="72" />
        <source>&amp;Show</source>
        <translation>&amp;Показать</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="75" />
        <source>&amp;More…</source>
        <translation>&amp;Ещё…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="78" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="78" />
        <location filename="../../ui/pages/trash_audit.py" line="103" />
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="79" />
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="79" />
        <location filename="../../ui/pages/trash_audit.py" line="104" />
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="80" />
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="94" />
        <source>&lt;b&gt;Trash&lt;/b&gt; — persons moved to the trash can be restored</source>
        <translation>&lt;b&gt;Корзина&lt;/b&gt; — перемещённых в корзину можно восстановить</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="101" />
        <source>&lt;b&gt;Audit trail&lt;/b&gt;</source>
        <translation>&lt;b&gt;Журнал изменений&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="103" />
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="104" />
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="135" />
        <source>anyone</source>
        <translation>любой</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="166" />
        <source>%1 entries shown</source>
        <translation>Показано записей: %1</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../ui/protection.py" line="69" />
        <source>Wrong passphrase. The roster was not changed.</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>