<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/help.py" line="128"/>
        <source>About %1</source>
        <translation>О программе %1</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="132"/>
        <source>%1 (this program knows up to %2)</source>
        <translation>%1 (программа знает схемы до %2)</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="134"/>
        <source>encrypted (SQLCipher)</source>
        <translation>зашифрована (SQLCipher)</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="134"/>
        <source>not encrypted</source>
        <translation>не зашифрована</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="136"/>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="137"/>
        <source>Roster</source>
        <translation>База</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="138"/>
        <source>Schema version</source>
        <translation>Версия схемы</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="139"/>
        <source>SQLCipher</source>
        <translation>SQLCipher</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="140"/>
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="141"/>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="142"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="145"/>
        <source>An offline evacuation roster for consular missions.</source>
        <translation>Автономная база эвакуации для консульских миссий.</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="154"/>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <location filename="../../ui/accounts/__init__.py" line="123"/>
        <source>S&amp;witch user…</source>
        <translation>С&amp;менить пользователя…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/__init__.py" line="127"/>
        <source>&amp;Accounts…</source>
        <translation>&amp;Учётные записи…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/__init__.py" line="314"/>
        <location filename="../../ui/accounts/__init__.py" line="325"/>
        <source>Signed in: {name} ({role})</source>
        <translation>Вход выполнен: {name} ({role})</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/__init__.py" line="432"/>
        <source>Sign in (File &gt; Switch user…) to see the roster.</source>
        <translation>Войдите (Файл &gt; Сменить пользователя…), чтобы увидеть список.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/__init__.py" line="461"/>
        <source>{name} ({role}) has no permission for {permission}.</source>
        <translation>У {name} ({role}) нет права: {permission}.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/__init__.py" line="465"/>
        <source>Sign in (File &gt; Switch user…) to use {permission}.</source>
        <translation>Войдите (Файл &gt; Сменить пользователя…), чтобы получить доступ: {permission}.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/__init__.py" line="234"/>
        <source>Checking the PIN…</source>
        <translation>Проверка PIN…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/__init__.py" line="239"/>
        <source>Signing in</source>
        <translation>Вход</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/__init__.py" line="246"/>
        <source>Not signed in: another roster was opened meanwhile.</source>
        <translation>Вход не выполнен: тем временем была открыта другая база.</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../ui/accounts/manage.py" line="106"/>
        <source>Accounts</source>
        <translation>Учётные записи</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="112"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="112"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="112"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="113"/>
        <source>Server login</source>
        <translation>Логин сервера</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="113"/>
        <source>Created by</source>
        <translation>Создал(а)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="124"/>
        <source>&amp;Add…</source>
        <translation>&amp;Добавить…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="125"/>
        <source>Change &amp;role…</source>
        <translation>Сменить &amp;роль…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="126"/>
        <location filename="../../ui/accounts/manage.py" line="203"/>
        <source>&amp;Disable</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="127"/>
        <source>New &amp;PIN…</source>
        <translation>Новый &amp;PIN…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="169"/>
        <source>disabled</source>
        <translation>отключена</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="169"/>
        <source>locked</source>
        <translation>заблокирована</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="170"/>
        <source>active</source>
        <translation>активна</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="175"/>
        <source>Signed in: {name} ({role})</source>
        <translation>Вход выполнен: {name} ({role})</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="177"/>
        <source>Nobody is signed in.</source>
        <translation>Никто не вошёл.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="179"/>
        <location filename="../../ui/accounts/manage.py" line="200"/>
        <source>Only the head of mission adds, disables and changes accounts.</source>
        <translation>Добавлять, отключать и менять учётные записи может только глава миссии.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="202"/>
        <source>&amp;Enable</source>
        <translation>&amp;Включить</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="258"/>
        <source>Change role</source>
        <translation>Сменить роль</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="258"/>
        <source>Role of {name}:</source>
        <translation>Роль {name}:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="218"/>
        <source>Changing the accounts</source>
        <translation>Изменение учётных записей</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <location filename="../../ui/first_start.py" line="428"/>
        <source>These backups would be on the same disk as the roster: a lost, stolen or broken laptop takes both. Choose a folder on a USB stick that stays at the mission.</source>
        <translation>Эти резервные копии окажутся на том же диске, что и база: потерянный, украденный или сломанный ноутбук унесёт и то, и другое. Выберите папку на флешке, которая остаётся в миссии.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="434"/>
        <source>Backups</source>
        <translation>Резервные копии</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="435"/>
        <source>A backup is taken when the roster opens, every few minutes while you work and when it closes, each checked. Choose a folder on a USB stick that stays at the mission, so the roster survives a lost laptop. Left empty, backups go to a &apos;backups&apos; folder beside the roster.</source>
        <translation>Резервная копия делается при открытии базы, каждые несколько минут во время работы и при закрытии; каждая проверяется. Выберите папку на USB-накопителе, который остаётся в миссии, чтобы база пережила потерю ноутбука. Если оставить поле пустым, копии пойдут в папку «backups» рядом с базой.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="439"/>
        <source>beside the roster</source>
        <translation>рядом с базой</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="440"/>
        <source>C&amp;hoose…</source>
        <translation>&amp;Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="445"/>
        <source>Backup folder</source>
        <translation>Папка резервных копий</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="452"/>
        <source>%1 is not a folder this program can write in. Plug in the stick, or choose another folder.</source>
        <translation>%1 — не папка, в которую программа может писать. Вставьте накопитель или выберите другую папку.</translation>
    </message>
</context>
<context>
    <name>BackupSettingsDialog</name>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="168"/>
        <source>Backup settings</source>
        <translation>Параметры резервного копирования</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="172"/>
        <source>a &apos;backups&apos; folder beside the roster</source>
        <translation>папка «backups» рядом с базой</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="174"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="179"/>
        <source>Backup &amp;folder</source>
        <translation>&amp;Папка резервных копий</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="183"/>
        <source> min (0: only at open and close)</source>
        <translation> мин (0: только при открытии и закрытии)</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="184"/>
        <source>Back up &amp;every</source>
        <translation>&amp;Копировать каждые</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="186"/>
        <source>&amp;Keep the newest</source>
        <translation>&amp;Хранить последние</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="188"/>
        <source> days (one a day, and every copy taken before an import, apply or merge)</source>
        <translation> дн. (по одной в день и каждая копия перед импортом, применением ответа или объединением)</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="189"/>
        <source>And &amp;one a day for</source>
        <translation>И по &amp;одной за день в течение</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="191"/>
        <source> min idle (0: never)</source>
        <translation> мин простоя (0: никогда)</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="192"/>
        <source>&amp;Lock an encrypted roster after</source>
        <translation>&amp;Блокировать зашифрованную базу через</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="208"/>
        <source>Backup folder</source>
        <translation>Папка резервных копий</translation>
    </message>
</context>
<context>
    <name>BoardingPdf</name>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="74"/>
        <location filename="../../rendering/boarding_pdf.py" line="116"/>
        <location filename="../../rendering/boarding_pdf.py" line="180"/>
        <source>Boarding list: {name}</source>
        <translation>Посадочный список: {name}</translation>
    </message>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="118"/>
        <source>{count} persons approved</source>
        <translation>одобрено человек: {count}</translation>
    </message>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="122"/>
        <source>scan the code, or type the case reference or passport number</source>
        <translation>отсканируйте код или введите номер дела или паспорта</translation>
    </message>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="128"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="128"/>
        <source>Case ref. and name</source>
        <translation>Дело и имя</translation>
    </message>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="129"/>
        <source>Born</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="129"/>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="130"/>
        <source>Household</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="130"/>
        <source>Checked</source>
        <translation>Отметка</translation>
    </message>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="182"/>
        <source>Page {page} of {pages}</source>
        <translation>Страница {page} из {pages}</translation>
    </message>
    <message>
        <location filename="../../rendering/boarding_pdf.py" line="186"/>
        <source>Checked at the gate by</source>
        <translation>Проверил на КПП</translation>
    </message>
</context>
<context>
    <name>BulkStatusDialog</name>
    <message>
        <location filename="../../ui/bulk_status.py" line="58"/>
        <source>Change the status of several persons</source>
        <translation>Смена статуса нескольких человек</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="71"/>
        <source>Why (kept in each person&apos;s history)</source>
        <translation>Почему (сохранится в истории каждого)</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="72"/>
        <source>Persons the workflow does not let move to this status stay as they are and are named afterwards. Edit &gt; Undo takes the whole change back.</source>
        <translation>Те, кого порядок работы не позволяет перевести в этот статус, останутся как есть; их список будет показан. Правка &gt; Отменить отменяет всё изменение целиком.</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="80"/>
        <source>Whom</source>
        <translation>Кого</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="81"/>
        <source>New status</source>
        <translation>Новый статус</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="82"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="96"/>
        <source>Changing the statuses</source>
        <translation>Смена статусов</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="109"/>
        <source>%1 persons now %2.</source>
        <translation>Теперь со статусом «%2»: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="112"/>
        <source>%1 already were.</source>
        <translation>Уже были в нём: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="115"/>
        <source>Not changed:</source>
        <translation>Не изменены:</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="135"/>
        <source>Status of %n person(s)</source>
        <translation>смену статуса (человек: %n)</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="139"/>
        <source>Status changed</source>
        <translation>Статус изменён</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="175"/>
        <source>the %n selected person(s)</source>
        <translation>выбранные в списке (человек: %n)</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="176"/>
        <source>everyone the roster shows (%1)</source>
        <translation>все, кого показывает список (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="181"/>
        <source>household %1 (%2)</source>
        <translation>семья %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="184"/>
        <source>list &apos;%1&apos; (%2 members)</source>
        <translation>список «%1» (участников: %2)</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_status.py" line="206"/>
        <source>Change status of &amp;several…</source>
        <translation>Сменить статус &amp;нескольким…</translation>
    </message>
</context>
<context>
    <name>CallSheet</name>
    <message>
        <location filename="../../rendering/call_sheet_pdf.py" line="32"/>
        <source>reached</source>
        <translation>reached</translation>
    </message>
    <message>
        <location filename="../../rendering/call_sheet_pdf.py" line="32"/>
        <source>no-answer</source>
        <translation>no-answer</translation>
    </message>
    <message>
        <location filename="../../rendering/call_sheet_pdf.py" line="33"/>
        <source>wrong-number</source>
        <translation>wrong-number</translation>
    </message>
    <message>
        <location filename="../../rendering/call_sheet_pdf.py" line="33"/>
        <source>message-left</source>
        <translation>message-left</translation>
    </message>
    <message>
        <location filename="../../rendering/call_sheet_pdf.py" line="34"/>
        <location filename="../../rendering/call_sheet_pdf.py" line="67"/>
        <source>Call sheet: {title}</source>
        <translation>Лист обзвона: {title}</translation>
    </message>
    <message>
        <location filename="../../rendering/call_sheet_pdf.py" line="35"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location filename="../../rendering/call_sheet_pdf.py" line="37"/>
        <source>{count} persons, {missing} not reached yet · template {name} ({language})</source>
        <translation>человек: {count}, ещё не дозвонились: {missing} · шаблон {name} ({language})</translation>
    </message>
    <message>
        <location filename="../../rendering/call_sheet_pdf.py" line="45"/>
        <source>no phone</source>
        <translation>нет телефона</translation>
    </message>
    <message>
        <location filename="../../rendering/call_sheet_pdf.py" line="46"/>
        <source>last try: {outcome} at {at}</source>
        <translation>последняя попытка: {outcome}, {at}</translation>
    </message>
</context>
<context>
    <name>CheckinScreen</name>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="63"/>
        <source>Check-in at the gate: {name}</source>
        <translation>Регистрация на КПП: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="68"/>
        <source>Scan a code, or type a case reference or passport number, then Enter</source>
        <translation>Отсканируйте код или введите номер дела или паспорта и нажмите Enter</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="74"/>
        <source>They cross here (record the crossing)</source>
        <translation>Здесь пересекают границу (записать пересечение)</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="76"/>
        <source>Ready: scan the first code</source>
        <translation>Готово: отсканируйте первый код</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="102"/>
        <source>&amp;Undo last scan</source>
        <translation>&amp;Отменить последнее сканирование</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="119"/>
        <source>Missing, by household:</source>
        <translation>Не прошли, по семьям:</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="145"/>
        <source>Checking in</source>
        <translation>Регистрация</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="155"/>
        <source>{text}: NOT checked in (the check-in was cancelled): scan again</source>
        <translation>{text}: НЕ отмечен (отметка отменена): сканируйте ещё раз</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="157"/>
        <source>{text}: NOT checked in: scan again</source>
        <translation>{text}: НЕ отмечен: сканируйте ещё раз</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="174"/>
        <source>Born: {date}</source>
        <translation>Дата рождения: {date}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="175"/>
        <source>Document: {document}</source>
        <translation>Документ: {document}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="176"/>
        <source>Household: {household}</source>
        <translation>Семья: {household}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="177"/>
        <source>Answer on this list: {answer}</source>
        <translation>Ответ по этому списку: {answer}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="181"/>
        <source>Scanned: {text}</source>
        <translation>Отсканировано: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="242"/>
        <source>Undoing the scan</source>
        <translation>Отмена сканирования</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="247"/>
        <source>{ref}: scan of {at} undone</source>
        <translation>{ref}: сканирование в {at} отменено</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="275"/>
        <source>Expected {expected} · checked in {checked_in} · missing {missing}</source>
        <translation>Ожидается {expected} · прошли {checked_in} · нет {missing}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="278"/>
        <source>Household / person</source>
        <translation>Семья / человек</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="278"/>
        <source>Missing</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/checkin_screen.py" line="280"/>
        <source>(no household)</source>
        <translation>(без семьи)</translation>
    </message>
</context>
<context>
    <name>ChosenColumnsModel</name>
    <message>
        <location filename="../../ui/profile_editor.py" line="83"/>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="84"/>
        <source>Header in the file</source>
        <translation>Заголовок в файле</translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <location filename="../../ui/reconcile/models.py" line="355"/>
        <source>Answer row %1</source>
        <translation>Строка ответа %1</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="356"/>
        <source>Candidate %1</source>
        <translation>Кандидат %1</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="180"/>
        <source>Person at a partner</source>
        <translation>Сотрудник партнёра</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="190"/>
        <source>&amp;Name</source>
        <translation>&amp;Имя</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="191"/>
        <source>&amp;Position</source>
        <translation>&amp;Должность</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="192"/>
        <source>P&amp;hones</source>
        <translation>&amp;Телефоны</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="193"/>
        <source>&amp;E-mails</source>
        <translation>&amp;Эл. почта</translation>
    </message>
</context>
<context>
    <name>CrossingActions</name>
    <message>
        <location filename="../../ui/crossing/actions.py" line="43"/>
        <source>Print the boarding list</source>
        <translation>Печать посадочного списка</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/actions.py" line="44"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/actions.py" line="53"/>
        <source>Printing the boarding list</source>
        <translation>Печать посадочного списка</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/actions.py" line="60"/>
        <source>Boarding list of {persons} persons printed to {path}</source>
        <translation>Посадочный список (человек: {persons}) сохранён в {path}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/actions.py" line="93"/>
        <source>the roster ({count})</source>
        <translation>реестр ({count})</translation>
    </message>
</context>
<context>
    <name>DailyChart</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="89"/>
        <source>Registered</source>
        <translation>Зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="89"/>
        <source>Crossed</source>
        <translation>Пересекли границу</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="143"/>
        <source>approved for tomorrow, not yet reached</source>
        <translation>одобрены на завтра, ещё не дозвонились</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="132"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="135"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="138"/>
        <source>persons on the roster</source>
        <translation>человек в списке</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="139"/>
        <source>households</source>
        <translation>семей</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="140"/>
        <source>approved, not yet crossed</source>
        <translation>одобрены, ещё не пересекли</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="141"/>
        <source>approvals expiring within 2 days</source>
        <translation>одобрений истекает в ближайшие 2 дня</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="144"/>
        <source>follow-ups due today or overdue</source>
        <translation>напоминаний на сегодня или просрочено</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="145"/>
        <source>in the trash</source>
        <translation>в корзине</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="148"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="148"/>
        <location filename="../../ui/pages/dashboard.py" line="151"/>
        <location filename="../../ui/pages/dashboard.py" line="153"/>
        <source>Persons</source>
        <translation>Человек</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="151"/>
        <source>Locality</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="153"/>
        <source>Need</source>
        <translation>Особенность</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="156"/>
        <source>By status</source>
        <translation>По статусу</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="157"/>
        <source>By locality</source>
        <translation>По населённым пунктам</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="158"/>
        <source>Needs</source>
        <translation>Особые нужды</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="185"/>
        <source>&lt;b&gt;Registrations and crossings per day&lt;/b&gt;</source>
        <translation>&lt;b&gt;Регистрации и пересечения по дням&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="200"/>
        <source>Counting</source>
        <translation>Подсчёт</translation>
    </message>
</context>
<context>
    <name>DemonstrationMark</name>
    <message>
        <location filename="../../ui/first_start.py" line="566"/>
        <source>DEMONSTRATION</source>
        <translation>ДЕМОНСТРАЦИЯ</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="55"/>
        <source>Type</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="55"/>
        <location filename="../../ui/person/documents_tab.py" line="67"/>
        <location filename="../../ui/person/documents_tab.py" line="80"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="56"/>
        <source>Issued by</source>
        <translation>Кем выдан</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="56"/>
        <source>Issued</source>
        <translation>Выдан</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="57"/>
        <source>Expires</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="58"/>
        <source>This document has expired</source>
        <translation>Срок действия документа истёк</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="68"/>
        <source>Country (ISO)</source>
        <translation>Страна (ISO)</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="69"/>
        <source>Issued YYYY-MM-DD</source>
        <translation>Выдан ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="70"/>
        <source>Expires YYYY-MM-DD</source>
        <translation>Действует до ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="72"/>
        <source>Add document</source>
        <translation>Добавить документ</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="74"/>
        <location filename="../../ui/person/documents_tab.py" line="91"/>
        <source>Remove selected</source>
        <translation>Удалить выбранное</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="80"/>
        <source>Label</source>
        <translation>Пометка</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="85"/>
        <source>Phone, e.g. +970 59 123 4567</source>
        <translation>Телефон, напр. +970 59 123 4567</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="87"/>
        <source>Label (mobile, relative…)</source>
        <translation>Пометка (мобильный, родственник…)</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="89"/>
        <source>Add phone</source>
        <translation>Добавить телефон</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="98"/>
        <source>&lt;b&gt;Documents&lt;/b&gt;</source>
        <translation>&lt;b&gt;Документы&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="117"/>
        <source>&lt;b&gt;Phones&lt;/b&gt;</source>
        <translation>&lt;b&gt;Телефоны&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="141"/>
        <source>expired: kept, but it cannot be used to cross</source>
        <translation>срок истёк: документ сохранён, но для пересечения границы не годится</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="160"/>
        <source>Adding a document to %1</source>
        <translation>Добавление документа: %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="171"/>
        <source>Removing a document of %1</source>
        <translation>Удаление документа: %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="187"/>
        <source>expiry date: write it as YYYY-MM-DD</source>
        <translation>срок действия: введите как ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="223"/>
        <source>Adding a phone to %1</source>
        <translation>Добавление телефона: %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="239"/>
        <source>Removing a phone of %1</source>
        <translation>Удаление телефона: %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="258"/>
        <source>The phone typed here is not added yet: %1</source>
        <translation>Введённый здесь телефон ещё не добавлен: %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/documents_tab.py" line="270"/>
        <source>The document typed here is not added yet: %1</source>
        <translation>Введённый здесь документ ещё не добавлен: %1</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../ui/merge_dialog.py" line="400"/>
        <source> and %1 more</source>
        <translation> и ещё %1</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="414"/>
        <source>Possible duplicates</source>
        <translation>Возможные дубликаты</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="420"/>
        <source>Record A</source>
        <translation>Запись A</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="421"/>
        <source>Born A</source>
        <translation>Родился (A)</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="422"/>
        <source>Record B</source>
        <translation>Запись B</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="423"/>
        <source>Born B</source>
        <translation>Родился (B)</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="424"/>
        <source>Decision</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="424"/>
        <source>almost surely</source>
        <translation>почти наверняка</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="424"/>
        <source>look</source>
        <translation>проверить</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="425"/>
        <source>Score</source>
        <translation>Балл</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="425"/>
        <source>Reasons</source>
        <translation>Основания</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="437"/>
        <location filename="../../ui/merge_dialog.py" line="480"/>
        <source>Looking for duplicates…</source>
        <translation>Поиск дубликатов…</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="439"/>
        <source>Enter: compare and merge · Del: not a duplicate (not proposed again) · Shift/Ctrl+click the pairs of one record: merge them all in one act</source>
        <translation>Enter: сравнить и объединить · Del: не дубликат (больше не предлагается) · Shift/Ctrl+щелчок по парам одной записи: объединить их все за один раз</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="443"/>
        <source>&amp;Compare and merge…</source>
        <translation>&amp;Сравнить и объединить…</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="446"/>
        <source>Merge &amp;selected into one…</source>
        <translation>Объединить &amp;выбранные в одну…</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="451"/>
        <source>&amp;Not a duplicate</source>
        <translation>&amp;Не дубликат</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="454"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="483"/>
        <location filename="../../ui/merge_dialog.py" line="493"/>
        <source>Looking for duplicates</source>
        <translation>Поиск дубликатов</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="500"/>
        <source>The search was cancelled: Refresh searches again.</source>
        <translation>Поиск отменён: «Обновить» начнёт его снова.</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="507"/>
        <source>%1 possible duplicates, the likeliest first.</source>
        <translation>Возможных дубликатов: %1, самые вероятные — первыми.</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="546"/>
        <source>%1 possible duplicates; %2 merged. Refresh judges the kept record&apos;s pairs again.</source>
        <translation>Возможных дубликатов: %1; запись %2 объединена. «Обновить» заново оценит пары оставленной записи.</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="569"/>
        <location filename="../../ui/merge_dialog.py" line="577"/>
        <source>Merge selected into one</source>
        <translation>Объединение выбранных в одну запись</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="570"/>
        <source>The selected pairs include %1 that need a look (the first: %2 and %3). Compare such a pair with Enter before merging it: &apos;Merge selected into one&apos; merges only pairs that are almost surely one person.</source>
        <translation>Среди выбранных пар есть требующие проверки: %1 (первая: %2 и %3). Сравните такую пару (Enter), прежде чем объединять её: «Объединить выбранные в одну» объединяет только пары, которые почти наверняка один человек.</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="578"/>
        <source>The selected pairs are not all linked to one record. Select the pairs of one registration (the pairs of its first copy with each other copy).</source>
        <translation>Выбранные пары не связаны с одной записью. Выберите пары одной регистрации (пары её первой копии с каждой другой копией).</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="584"/>
        <source>Merge the records</source>
        <translation>Объединение записей</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="585"/>
        <source>Merge %1 records into %2 %3?

Each becomes &apos;merged&apos; and points to %2; nothing is deleted. One backup is taken first, and one undo (Edit &gt; Undo) separates them all again.

Merged: %4</source>
        <translation>Объединить записи (%1) в %2 %3?

Каждая получит статус «объединена» и будет указывать на %2; ничего не удаляется. Сначала делается одна резервная копия, и одна отмена (Правка &gt; Отменить) снова разделит их все.

Объединяются: %4</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="605"/>
        <source>Merging %1 records into %2</source>
        <translation>Объединение записей (%1) в %2</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="616"/>
        <source>Merge %1 records into %2</source>
        <translation>Объединение записей (%1) в %2</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="623"/>
        <source>%1 possible duplicates; %2 records merged into %3 (operation %4). Refresh judges the kept record&apos;s pairs again.</source>
        <translation>Возможных дубликатов: %1; записей объединено в %3: %2 (операция %4). «Обновить» заново оценит пары оставленной записи.</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="633"/>
        <source>The merge was undone: Refresh lists the pairs of its records again.</source>
        <translation>Объединение отменено: «Обновить» снова покажет пары его записей.</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="644"/>
        <source>Marking %1 and %2 as different persons</source>
        <translation>%1 и %2 отмечаются как разные люди</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="654"/>
        <source>%1 possible duplicates; %2 and %3 marked as different persons.</source>
        <translation>Возможных дубликатов: %1; %2 и %3 отмечены как разные люди.</translation>
    </message>
    <message>
        <location filename="../../ui/duplicates_feature.py" line="23"/>
        <source>Find &amp;duplicates…</source>
        <translation>Найти &amp;дубликаты…</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="481"/>
        <source>Looking for duplicates… The roster is on a network share: your saves wait until the search ends (Cancel ends it).</source>
        <translation>Поиск дубликатов… База находится в сетевой папке: ваши сохранения ждут окончания поиска (Отмена прекращает его).</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="494"/>
        <source>Looking for duplicates: %1 (stage %2 of %3)</source>
        <translation>Поиск дубликатов: %1 (этап %2 из %3)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="22"/>
        <source>Status change refused</source>
        <translation>Смена статуса невозможна</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="23"/>
        <source>Changed by someone else</source>
        <translation>Изменено другим пользователем</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="24"/>
        <source>Database problem</source>
        <translation>Ошибка базы данных</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="25"/>
        <source>File problem</source>
        <translation>Ошибка файла</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="26"/>
        <source>Cannot do that</source>
        <translation>Действие невозможно</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="71"/>
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="72"/>
        <source>Something went wrong inside Mission Roster. Your saved data is safe.

The details were written to:
%1

Please send that file to your IT support.</source>
        <translation>В работе Mission Roster произошёл сбой. Сохранённые данные не пострадали.

Подробности записаны в файл:
%1

Пожалуйста, отправьте этот файл в службу ИТ-поддержки.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/export_dialog.py" line="175"/>
        <source>Export for a partner</source>
        <translation>Экспорт для партнёра</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="190"/>
        <source>Edit profiles…</source>
        <translation>Изменить профили…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="194"/>
        <source>Persons</source>
        <translation>Кого экспортировать</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="196"/>
        <source>Evacuation list</source>
        <translation>Список на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="200"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="205"/>
        <source>The roster as filtered now</source>
        <translation>Список с текущим фильтром</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/export_dialog.py" line="206"/>
        <source>The %n selected person(s)</source>
        <translation>
            <numerusform>%n выбранный человек</numerusform>
            <numerusform>%n выбранных человека</numerusform>
            <numerusform>%n выбранных человек</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="208"/>
        <source>The whole roster</source>
        <translation>Весь список</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="225"/>
        <source>roster.xlsx, roster.csv or manifest.pdf</source>
        <translation>roster.xlsx, roster.csv или manifest.pdf</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="227"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="231"/>
        <source>Letter</source>
        <translation>Letter (США)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="233"/>
        <source>(none: a file for the mission itself)</source>
        <translation>(нет: файл для самой миссии)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="237"/>
        <source>the profile&apos;s title, or the list</source>
        <translation>заголовок профиля или название списка</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="238"/>
        <source>optional</source>
        <translation>необязательно</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="239"/>
        <source>the same again</source>
        <translation>ещё раз то же</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="242"/>
        <source>Send persons who have not consented to sharing too (the audit trail names them)</source>
        <translation>Передать и тех, кто не дал согласия на передачу данных (они будут названы в журнале изменений)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="258"/>
        <source>Export</source>
        <translation>Экспортировать</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="266"/>
        <source>Paper</source>
        <translation>Бумага</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="273"/>
        <source>Confirm</source>
        <translation>Повтор</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="276"/>
        <source>&amp;Profile</source>
        <translation>&amp;Профиль</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="277"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="278"/>
        <source>P&amp;artner</source>
        <translation>Пар&amp;тнёр</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="279"/>
        <source>&amp;Title</source>
        <translation>&amp;Заголовок</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="280"/>
        <source>Pass&amp;word</source>
        <translation>Па&amp;роль</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="291"/>
        <source>&lt;b&gt;Preview&lt;/b&gt; (the first rows, as the partner will read them)</source>
        <translation>&lt;b&gt;Предпросмотр&lt;/b&gt; (первые строки — так, как их прочтёт партнёр)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="321"/>
        <source>%1  (built in)</source>
        <translation>%1  (встроенный)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="414"/>
        <source>%1 persons, %2 rows.</source>
        <translation>Человек: %1, строк: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="419"/>
        <source>%1 of them have not consented to sharing their data (%2).</source>
        <translation>Из них не дали согласия на передачу данных: %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="424"/>
        <source>Nobody is selected.</source>
        <translation>Никто не выбран.</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="427"/>
        <source>Some persons have not consented to sharing: tick the box to send them too, or choose other persons.</source>
        <translation>Не все дали согласие на передачу данных: отметьте флажок, чтобы передать и их, или выберите других людей.</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="431"/>
        <source>Choose the file to write.</source>
        <translation>Выберите файл для записи.</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="433"/>
        <source>The file must end in .xlsx (a workbook), .csv (a table for a partner&apos;s system) or .pdf (a printed manifest).</source>
        <translation>Имя файла должно оканчиваться на .xlsx (книга Excel), .csv (таблица для системы партнёра) или .pdf (список для печати).</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="441"/>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="452"/>
        <source>Export to</source>
        <translation>Экспортировать в</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="453"/>
        <source>Excel workbook (*.xlsx);;CSV for a partner&apos;s system (*.csv);;PDF manifest (*.pdf)</source>
        <translation>Книга Excel (*.xlsx);;CSV для системы партнёра (*.csv);;Список PDF для печати (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="501"/>
        <source>Exporting…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="543"/>
        <source>Exported %1 persons to %2 (recorded in the audit trail)</source>
        <translation>Экспортировано человек: %1, файл %2 (записано в журнал изменений)</translation>
    </message>
    <message>
        <location filename="../../ui/exporting_feature.py" line="22"/>
        <source>&amp;Export…</source>
        <translation>&amp;Экспорт…</translation>
    </message>
    <message>
        <location filename="../../ui/exporting_feature.py" line="26"/>
        <source>Export &amp;profiles…</source>
        <translation>&amp;Профили экспорта…</translation>
    </message>
    <message>
        <location filename="../../ui/exporting_feature.py" line="30"/>
        <source>Export these persons…</source>
        <translation>Экспортировать выбранных…</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../ui/labels.py" line="71"/>
        <source>Case ref.</source>
        <translation>Номер дела</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="72"/>
        <source>Surname</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="73"/>
        <source>Given names</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="74"/>
        <source>Patronymic</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="75"/>
        <source>Surname (Latin)</source>
        <translation>Фамилия (латиницей)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="76"/>
        <source>Given names (Latin)</source>
        <translation>Имя (латиницей)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="77"/>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>Place of birth</source>
        <translation>Место рождения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>Citizenships</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81"/>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82"/>
        <source>Messenger</source>
        <translation>Мессенджер</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83"/>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>Locality</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="86"/>
        <source>Medical needs</source>
        <translation>Медицинские нужды</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="87"/>
        <source>Reduced mobility</source>
        <translation>Ограниченная подвижность</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="88"/>
        <source>Pregnant</source>
        <translation>Беременность</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="89"/>
        <source>Unaccompanied minor</source>
        <translation>Несовершеннолетний без сопровождения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="90"/>
        <source>Consent to share</source>
        <translation>Согласие на передачу данных</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="91"/>
        <source>Consent date</source>
        <translation>Дата согласия</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="92"/>
        <source>Registered via</source>
        <translation>Источник регистрации</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="93"/>
        <source>Relationship to head</source>
        <translation>Родство с главой семьи</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="94"/>
        <source>Notes</source>
        <translation>Примечания</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="96"/>
        <source>Full name (to split)</source>
        <translation>Полное имя (разделить)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="97"/>
        <source>Full name in Latin (to split)</source>
        <translation>Полное имя латиницей (разделить)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="98"/>
        <source>Document type</source>
        <translation>Вид документа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="99"/>
        <source>Document number</source>
        <translation>Номер документа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="100"/>
        <source>Document issue date</source>
        <translation>Дата выдачи документа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="101"/>
        <source>Document expiry date</source>
        <translation>Срок действия документа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="102"/>
        <source>Document issuing country</source>
        <translation>Страна выдачи документа</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="103"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="104"/>
        <source>Record ID (UUID)</source>
        <translation>Идентификатор записи (UUID)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="105"/>
        <source>Household</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="106"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/importing/wizard.py" line="95"/>
        <source>Choose the file</source>
        <translation>Выбор файла</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="96"/>
        <source>A list in .xlsx, .xls, .ods or .csv (any encoding). Nothing is written before the preview.</source>
        <translation>Список в формате .xlsx, .xls, .ods или .csv (в любой кодировке). До предпросмотра ничего не записывается.</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="99"/>
        <source>Path of the spreadsheet</source>
        <translation>Путь к таблице</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="101"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="116"/>
        <source>Import a spreadsheet</source>
        <translation>Импорт таблицы</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="117"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;All files (*)</source>
        <translation>Таблицы (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="136"/>
        <source>%1 (hidden)</source>
        <translation>%1 (скрытый)</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="138"/>
        <source>%1 file with sheets: %2</source>
        <translation>Файл %1, листы: %2</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="153"/>
        <source>Reading the file…</source>
        <translation>Чтение файла…</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="159"/>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="160"/>
        <source>This workbook is protected by a password. Password:</source>
        <translation>Книга защищена паролем. Пароль:</translation>
    </message>
</context>
<context>
    <name>FirstStartWizard</name>
    <message>
        <location filename="../../ui/first_start.py" line="526"/>
        <source>The recovery key is shown only now: without it, a forgotten passphrase loses the roster. Print it or write it down and tick the box; Cancel again leaves without it.</source>
        <translation>Ключ восстановления показан только сейчас: без него забытая парольная фраза означает потерю базы. Распечатайте или запишите его и отметьте флажок; повторная «Отмена» закроет помощник без ключа.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="490"/>
        <source>%1: first start</source>
        <translation>%1: первый запуск</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="493"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="494"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Назад</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="495"/>
        <source>&amp;Finish</source>
        <translation>&amp;Готово</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="496"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../ui/help.py" line="175"/>
        <source>&amp;Manual</source>
        <translation>&amp;Руководство</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../ui/person/history_tab.py" line="32"/>
        <location filename="../../ui/person/history_tab.py" line="61"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="32"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="33"/>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="34"/>
        <source>To</source>
        <translation>На</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="34"/>
        <location filename="../../ui/person/history_tab.py" line="40"/>
        <source>List</source>
        <translation>Список</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="35"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="40"/>
        <location filename="../../ui/person/history_tab.py" line="61"/>
        <source>Partner</source>
        <translation>Партнёр</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="41"/>
        <source>List state</source>
        <translation>Состояние списка</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="42"/>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="42"/>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="43"/>
        <source>Crossed</source>
        <translation>Пересекли границу</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="50"/>
        <source>&lt;b&gt;Status history&lt;/b&gt;</source>
        <translation>&lt;b&gt;История статусов&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="52"/>
        <source>&lt;b&gt;Evacuation lists and the partners&apos; answers&lt;/b&gt;</source>
        <translation>&lt;b&gt;Списки на эвакуацию и ответы партнёров&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="62"/>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="62"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="63"/>
        <source>Encrypted</source>
        <translation>Зашифрован</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="63"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="63"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="64"/>
        <source>By</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../ui/person/history_tab.py" line="68"/>
        <source>&lt;b&gt;Data shared with partners&lt;/b&gt; (every export that carried this person)</source>
        <translation>&lt;b&gt;Данные, переданные партнёрам&lt;/b&gt; (все экспорты, в которые попал этот человек)</translation>
    </message>
</context>
<context>
    <name>HouseholdTab</name>
    <message>
        <location filename="../../ui/person/household_tab.py" line="45"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="45"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="46"/>
        <source>Relationship</source>
        <translation>Родство</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="47"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="47"/>
        <source>Born</source>
        <translation>Родился</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="54"/>
        <source>Household ref, e.g. H-00012</source>
        <translation>Номер семьи, напр. H-00012</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="60"/>
        <source>&amp;Join household</source>
        <translation>&amp;Включить в семью</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="63"/>
        <source>Set relationship</source>
        <translation>Задать родство</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="65"/>
        <source>Lea&amp;ve household</source>
        <translation>&amp;Исключить из семьи</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="71"/>
        <source>Household:</source>
        <translation>Семья:</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="73"/>
        <source>as</source>
        <translation>как</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="84"/>
        <source>Save the person first, then choose a household.</source>
        <translation>Сначала сохраните человека, затем выберите семью.</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="89"/>
        <source>Not in a household. Type a household reference to join one.</source>
        <translation>Не в семье. Введите номер семьи, чтобы включить в неё.</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="93"/>
        <source>member</source>
        <translation>член семьи</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="113"/>
        <source>No household %1 on this roster.</source>
        <translation>Семьи %1 в этом списке нет.</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="119"/>
        <source>Adding %1 to %2</source>
        <translation>Включение %1 в семью %2</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="134"/>
        <source>Changing the relationship of %1</source>
        <translation>Изменение родства: %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/household_tab.py" line="145"/>
        <source>Taking %1 out of the household</source>
        <translation>Исключение %1 из семьи</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../../ui/pages/households.py" line="275"/>
        <source>%1 without %2</source>
        <translation>%1, нет: %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="70"/>
        <source>%1 years old: too young to be %2 of the head; check the relationship</source>
        <translation>%1 лет: слишком мал(а), чтобы быть «%2» главы семьи; проверьте родство</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="80"/>
        <source>Check the relationship</source>
        <translation>Проверьте родство</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="83"/>
        <source>Record it as %1 anyway?</source>
        <translation>Всё равно записать как «%1»?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="85"/>
        <source>Record anyway</source>
        <translation>Всё равно записать</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="111"/>
        <source>Find a household: reference or name</source>
        <translation>Найти семью: номер или фамилия</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="116"/>
        <source>&amp;New household…</source>
        <translation>&amp;Новая семья…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="119"/>
        <source>Ref</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="119"/>
        <location filename="../../ui/pages/households.py" line="138"/>
        <source>Name</source>
        <translation>Имя / фамилия</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="120"/>
        <source>Members</source>
        <translation>Членов</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="138"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="139"/>
        <source>Relationship</source>
        <translation>Родство</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="140"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="141"/>
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="142"/>
        <source>Citizenship</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="160"/>
        <source>Set &amp;relationship</source>
        <translation>Задать &amp;родство</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="162"/>
        <source>Make &amp;head</source>
        <translation>Сделать &amp;главой</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="164"/>
        <source>Re&amp;move from household</source>
        <translation>&amp;Убрать из семьи</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="171"/>
        <source>&amp;Add to household</source>
        <translation>&amp;Добавить в семью</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="189"/>
        <source>Selected member:</source>
        <translation>Выбранный член семьи:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="203"/>
        <source>Add a person:</source>
        <translation>Добавить человека:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="206"/>
        <source>as</source>
        <translation>как</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="269"/>
        <source>No household chosen</source>
        <translation>Семья не выбрана</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="310"/>
        <source>New household</source>
        <translation>Новая семья</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="310"/>
        <source>Family name of the household:</source>
        <translation>Фамилия семьи:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="314"/>
        <source>Creating the household</source>
        <translation>Создание семьи</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="332"/>
        <source>Recording the relationship</source>
        <translation>Запись степени родства</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="342"/>
        <source>Making the head of the household</source>
        <translation>Назначение главы семьи</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="351"/>
        <source>Removing from the household</source>
        <translation>Исключение из семьи</translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="367"/>
        <source>Adding to the household</source>
        <translation>Добавление в семью</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../ui/protection/lock.py" line="329"/>
        <source>Wrong passphrase.</source>
        <translation>Неверная парольная фраза.</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <location filename="../../ui/importing/history.py" line="38"/>
        <source>%1 created, %2 updated, %3 duplicates, %4 rejected</source>
        <translation>создано %1, обновлено %2, дубликатов %3, отклонено %4</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="45"/>
        <source>in effect</source>
        <translation>действует</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="46"/>
        <source>undone %1 by %2</source>
        <translation>отменён %1, %2</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="51"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="52"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="53"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="54"/>
        <source>Sheet</source>
        <translation>Лист</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="55"/>
        <source>Rows</source>
        <translation>Строки</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="56"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="67"/>
        <source>Imports</source>
        <translation>Импорты</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="78"/>
        <source>Undo this import…</source>
        <translation>Отменить этот импорт…</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="106"/>
        <source>Already undone</source>
        <translation>Уже отменён</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="107"/>
        <source>Import #%1 was %2.</source>
        <translation>Импорт № %1: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="110"/>
        <source>Undo the import</source>
        <translation>Отмена импорта</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="111"/>
        <source>Undo import #%1 of %2? Persons it created are removed (or moved to the trash if changed since); fields it changed get their old values back.</source>
        <translation>Отменить импорт № %1 из %2? Созданные им люди будут удалены (или перемещены в корзину, если их с тех пор изменяли); изменённым полям вернутся прежние значения.</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="118"/>
        <source>Undoing the import…</source>
        <translation>Отмена импорта…</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="126"/>
        <source>Import #%1 undone: %2 persons removed, %3 moved to the trash (changed since the import), %4 restored.</source>
        <translation>Импорт № %1 отменён: удалено человек — %2, перемещено в корзину (изменялись после импорта) — %3, восстановлено — %4.</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="129"/>
        <source>Left as it is: %1: %2</source>
        <translation>Оставлено как есть: %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/importing/history.py" line="131"/>
        <source>Import undone</source>
        <translation>Импорт отменён</translation>
    </message>
</context>
<context>
    <name>ImportOutcome</name>
    <message>
        <location filename="../../ui/importing/models.py" line="39"/>
        <source>New person</source>
        <translation>Новый человек</translation>
    </message>
    <message>
        <location filename="../../ui/importing/models.py" line="40"/>
        <source>Update</source>
        <translation>Обновление</translation>
    </message>
    <message>
        <location filename="../../ui/importing/models.py" line="41"/>
        <source>No change</source>
        <translation>Без изменений</translation>
    </message>
    <message>
        <location filename="../../ui/importing/models.py" line="42"/>
        <source>Possible duplicate</source>
        <translation>Возможный дубликат</translation>
    </message>
    <message>
        <location filename="../../ui/importing/models.py" line="43"/>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/importing/wizard.py" line="63"/>
        <source>Import a spreadsheet</source>
        <translation>Импорт таблицы</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="427"/>
        <source>Import #%1</source>
        <translation>Импорт № %1</translation>
    </message>
    <message>
        <location filename="../../ui/importing/__init__.py" line="43"/>
        <source>&amp;Import spreadsheet…</source>
        <translation>&amp;Импорт таблицы…</translation>
    </message>
    <message>
        <location filename="../../ui/importing/__init__.py" line="46"/>
        <source>&amp;Undo an import…</source>
        <translation>&amp;Отменить импорт…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="13"/>
        <source>registered</source>
        <translation>зарегистрирован</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14"/>
        <source>verified</source>
        <translation>проверен</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15"/>
        <source>submitted</source>
        <translation>подан в списке</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>approved</source>
        <translation>одобрен</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>crossed</source>
        <translation>пересёк границу</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>evacuated</source>
        <translation>эвакуирован</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>on hold</source>
        <translation>отложен</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>rejected</source>
        <translation>отказано</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>declined</source>
        <translation>отказался</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>unreachable</source>
        <translation>нет связи</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>merged</source>
        <translation>объединён</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>medical</source>
        <translation>медицинские нужды</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>reduced mobility</source>
        <translation>ограниченная подвижность</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>pregnant</source>
        <translation>беременность</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>unaccompanied minor</source>
        <translation>ребёнок без сопровождения</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>infant</source>
        <translation>младенец</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>child</source>
        <translation>ребёнок</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>elderly</source>
        <translation>пожилой</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>head</source>
        <translation>глава семьи</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>spouse</source>
        <translation>супруг(а)</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>parent</source>
        <translation>родитель</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>sibling</source>
        <translation>брат/сестра</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>grandchild</source>
        <translation>внук/внучка</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>grandparent</source>
        <translation>дедушка/бабушка</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="41"/>
        <source>other relative</source>
        <translation>другой родственник</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>other</source>
        <translation>другое</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>email</source>
        <translation>эл. почта</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>messenger</source>
        <translation>мессенджер</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>meeting</source>
        <translation>встреча</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>letter</source>
        <translation>письмо</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>ministry</source>
        <translation>министерство</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>border authority</source>
        <translation>пограничная служба</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51"/>
        <source>international organization</source>
        <translation>международная организация</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="52"/>
        <source>embassy</source>
        <translation>посольство</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53"/>
        <source>airline</source>
        <translation>авиакомпания</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56"/>
        <source>sent</source>
        <translation>отправлен</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>answered</source>
        <translation>получен ответ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="60"/>
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="61"/>
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="62"/>
        <source>unspecified</source>
        <translation>не указан</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="63"/>
        <source>passport</source>
        <translation>паспорт</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="64"/>
        <source>foreign passport</source>
        <translation>загранпаспорт</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="65"/>
        <source>national id</source>
        <translation>удостоверение личности</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="66"/>
        <source>birth certificate</source>
        <translation>свидетельство о рождении</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="67"/>
        <source>travel document</source>
        <translation>проездной документ</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="68"/>
        <source>residence permit</source>
        <translation>вид на жительство</translation>
    </message>
</context>
<context>
    <name>ListEligibilityDialog</name>
    <message>
        <location filename="../../ui/crossing/__init__.py" line="52"/>
        <source>&amp;Missing evidence on a list…</source>
        <translation>&amp;Недостающие документы в списке…</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="126"/>
        <source>Missing evidence on a list</source>
        <translation>Недостающие документы в списке</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="138"/>
        <source>&amp;Override…</source>
        <translation>&amp;Исключение…</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="168"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="168"/>
        <source>Basis</source>
        <translation>Основание</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="168"/>
        <source>Missing</source>
        <translation>Не хватает</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="169"/>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="189"/>
        <source>Override</source>
        <translation>Исключение</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="176"/>
        <source>{count} members lack evidence; {waiting} without an override (the list cannot be sent)</source>
        <translation>не хватает документов у {count}; без исключения: {waiting} (список нельзя отправить)</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="178"/>
        <source>{count} members lack evidence, each overridden</source>
        <translation>не хватает документов у {count}, для всех сделано исключение</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="190"/>
        <source>Why may {ref} be submitted without {missing}?</source>
        <translation>Почему {ref} можно подать без: {missing}?</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="195"/>
        <source>Recording the override</source>
        <translation>Запись исключения</translation>
    </message>
</context>
<context>
    <name>ListsPage</name>
    <message>
        <location filename="../../ui/pages/lists.py" line="354"/>
        <source>Evidence missing (%1): %2; the list cannot be sent until it is recorded or overridden</source>
        <translation>Не хватает документов (%1): %2; список нельзя отправить, пока их не внесут или не сделают исключение</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="255"/>
        <source>&amp;Notify…</source>
        <translation>&amp;Оповестить…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="251"/>
        <source>Print &amp;boarding list…</source>
        <translation>Печать &amp;посадочного списка…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="253"/>
        <source>Check-in at the &amp;gate…</source>
        <translation>Регистрация на &amp;КПП…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="123"/>
        <source>List</source>
        <translation>Список</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="123"/>
        <source>Partner</source>
        <translation>Партнёр</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="124"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="124"/>
        <source>Members</source>
        <translation>Членов</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="125"/>
        <source>Pending</source>
        <translation>Ожидают</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="125"/>
        <source>Approved</source>
        <translation>Одобрены</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="126"/>
        <location filename="../../ui/pages/lists.py" line="501"/>
        <source>Rejected</source>
        <translation>Отказано</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="126"/>
        <location filename="../../ui/pages/lists.py" line="170"/>
        <source>Crossed</source>
        <translation>Пересекли границу</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="137"/>
        <source>&amp;New list…</source>
        <translation>&amp;Новый список…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="139"/>
        <source>Mark &amp;sent</source>
        <translation>Отметить &amp;отправленным</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="166"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="166"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="171"/>
        <source>Name as in passport</source>
        <translation>Имя как в паспорте</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="168"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="141"/>
        <source>Reconcile &amp;answer…</source>
        <translation>Сверить &amp;ответ…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="143"/>
        <source>Members&apos; s&amp;tatus…</source>
        <translation>С&amp;татус участников…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="167"/>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="169"/>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="172"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="183"/>
        <source>Add roster &amp;selection</source>
        <translation>Добавить &amp;выбранных</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="185"/>
        <source>Add everyone the roster &amp;filter shows</source>
        <translation>Добавить всех по &amp;фильтру</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="189"/>
        <source>Household ref, e.g. H-00012</source>
        <translation>Номер семьи, напр. H-00012</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="191"/>
        <source>Add &amp;household</source>
        <translation>Добавить &amp;семью</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="194"/>
        <source>&amp;Remove selected</source>
        <translation>&amp;Убрать выбранных</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="205"/>
        <source>Record &amp;answer</source>
        <translation>Записать &amp;ответ</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="207"/>
        <source>Record &amp;crossing</source>
        <translation>Записать &amp;пересечение</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="241"/>
        <source>Selected members:</source>
        <translation>Выбранные:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="243"/>
        <source>valid until</source>
        <translation>действует до</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="330"/>
        <source>No list yet: create one with New list</source>
        <translation>Списков пока нет: создайте кнопкой «Новый список»</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="340"/>
        <source>no partner</source>
        <translation>без партнёра</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="341"/>
        <source>, sent %1</source>
        <translation>, отправлен %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="343"/>
        <source>%1 on the list: %2 pending, %3 approved, %4 rejected, %5 crossed</source>
        <translation>В списке %1: ожидают %2, одобрены %3, отказано %4, пересекли %5</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="398"/>
        <source>Creating the list</source>
        <translation>Создание списка</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="414"/>
        <source>Adding to the list</source>
        <translation>Добавление в список</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="445"/>
        <source>No household %1 on this roster.</source>
        <translation>Семьи %1 в этом списке нет.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="447"/>
        <source>Adding the household to the list</source>
        <translation>Добавление семьи в список</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="457"/>
        <source>Removing from the list</source>
        <translation>Исключение из списка</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="473"/>
        <source>Mark sent</source>
        <translation>Отметить отправку</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="474"/>
        <source>%1 members are not verified yet: %2.

Verify them now, so that every member is submitted with the list?</source>
        <translation>Ещё не проверены участники (%1): %2.

Проверить их сейчас, чтобы со списком были поданы все участники?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="478"/>
        <source>&amp;Verify and send</source>
        <translation>&amp;Проверить и отправить</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="480"/>
        <source>Send &amp;without them</source>
        <translation>Отправить &amp;без них</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="489"/>
        <source>Marking the list sent</source>
        <translation>Отметка об отправке списка</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="499"/>
        <source>Answer %1 recorded; %2</source>
        <translation>Ответ «%1» внесён; %2</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="551"/>
        <source>the %1 selected members</source>
        <translation>выбранные участники (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="552"/>
        <source>every member of &apos;%1&apos; (%2)</source>
        <translation>все участники «%1» (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="577"/>
        <source>Recording the answer</source>
        <translation>Запись ответа</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="585"/>
        <source>%1 answers recorded.</source>
        <translation>Внесено ответов: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="587"/>
        <source>Status unchanged for: %1</source>
        <translation>Статус не изменился у: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="602"/>
        <source>Recording the crossing</source>
        <translation>Запись пересечения границы</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/protection/lock.py" line="83"/>
        <source>The roster is locked</source>
        <translation>База заблокирована</translation>
    </message>
    <message>
        <location filename="../../ui/protection/lock.py" line="86"/>
        <source>Type the roster&apos;s passphrase to go on.</source>
        <translation>Чтобы продолжить, введите парольную фразу базы.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/lock.py" line="100"/>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <location filename="../../ui/protection/lock.py" line="120"/>
        <source>Sign in to go on: your account and your PIN.</source>
        <translation>Чтобы продолжить, войдите: ваша учётная запись и PIN.</translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message>
        <location filename="../../ui/person/log_tab.py" line="28"/>
        <location filename="../../ui/person/log_tab.py" line="37"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../ui/person/log_tab.py" line="28"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../ui/person/log_tab.py" line="29"/>
        <source>With</source>
        <translation>С кем</translation>
    </message>
    <message>
        <location filename="../../ui/person/log_tab.py" line="30"/>
        <source>Summary</source>
        <translation>Суть</translation>
    </message>
    <message>
        <location filename="../../ui/person/log_tab.py" line="30"/>
        <source>Follow up</source>
        <translation>Напомнить</translation>
    </message>
    <message>
        <location filename="../../ui/person/log_tab.py" line="37"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../../ui/person/log_tab.py" line="38"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../ui/person/log_tab.py" line="39"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../../ui/person/log_tab.py" line="45"/>
        <source>&lt;b&gt;Liaison log entries about this person&lt;/b&gt;</source>
        <translation>&lt;b&gt;Записи журнала связи об этом человеке&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/person/log_tab.py" line="47"/>
        <source>&lt;b&gt;Audit trail of this record&lt;/b&gt;</source>
        <translation>&lt;b&gt;Журнал изменений этой записи&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window/frame.py" line="282"/>
        <source>Dashboard</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="282"/>
        <source>Roster</source>
        <translation>Список</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="283"/>
        <source>Households</source>
        <translation>Семьи</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="283"/>
        <source>Evacuation lists</source>
        <translation>Списки на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="284"/>
        <source>Partners and liaison log</source>
        <translation>Партнёры и журнал связи</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="284"/>
        <source>Trash and audit</source>
        <translation>Корзина и журнал изменений</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="33"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="33"/>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="34"/>
        <source>&amp;Person</source>
        <translation>&amp;Человек</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="35"/>
        <source>&amp;Lists</source>
        <translation>&amp;Списки</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="36"/>
        <source>E&amp;xchange</source>
        <translation>&amp;Обмен</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="37"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="37"/>
        <source>&amp;Tools</source>
        <translation>&amp;Сервис</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="38"/>
        <source>&amp;Help</source>
        <translation>С&amp;правка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="129"/>
        <source>&amp;New roster…</source>
        <translation>&amp;Новая база…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="130"/>
        <source>&amp;Open roster…</source>
        <translation>&amp;Открыть базу…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="132"/>
        <source>Fill with &amp;demonstration data…</source>
        <translation>Заполнить &amp;демонстрационными данными…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="134"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="135"/>
        <source>&amp;Find</source>
        <translation>&amp;Найти</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="137"/>
        <source>&amp;New person…</source>
        <translation>&amp;Новый человек…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="139"/>
        <source>&amp;Edit person…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="141"/>
        <source>Change &amp;status…</source>
        <translation>Сменить &amp;статус…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="143"/>
        <source>Add to &amp;list…</source>
        <translation>Добавить в &amp;список…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="145"/>
        <source>&amp;Log a contact…</source>
        <translation>&amp;Записать контакт…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="147"/>
        <source>Move to &amp;trash</source>
        <translation>В &amp;корзину</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="149"/>
        <source>Ne&amp;xt person</source>
        <translation>&amp;Следующий</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="150"/>
        <source>Pre&amp;vious person</source>
        <translation>&amp;Предыдущий</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="151"/>
        <source>&amp;New list…</source>
        <translation>&amp;Новый список…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="152"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="153"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="155"/>
        <source>&amp;About</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="160"/>
        <source>Save the person (in the editor)</source>
        <translation>Сохранить человека (в карточке)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="161"/>
        <source>Save and open the next / previous person (in the editor)</source>
        <translation>Сохранить и открыть следующего / предыдущего (в карточке)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="163"/>
        <source>Save a liaison log entry</source>
        <translation>Сохранить запись журнала связи</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="486"/>
        <source>%1   ·   operator: %2</source>
        <translation>%1   ·   оператор: %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="669"/>
        <source>New roster database</source>
        <translation>Новая база списка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="670"/>
        <source>Roster databases (*.db)</source>
        <translation>Базы списка (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="673"/>
        <source>%1 already exists; use Open to open it.</source>
        <translation>%1 уже существует; откройте его через «Открыть».</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="681"/>
        <source>Open roster database</source>
        <translation>Открыть базу списка</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="682"/>
        <source>Roster databases (*.db);;All files (*)</source>
        <translation>Базы списка (*.db);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="708"/>
        <source>Demonstration data</source>
        <translation>Демонстрационные данные</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="709"/>
        <source>Households to invent (about 3.6 persons each):</source>
        <translation>Сколько семей придумать (в среднем 3,6 человека):</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="726"/>
        <source>Added %1 persons in %2 households.</source>
        <translation>Добавлено человек: %1, семей: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="730"/>
        <source>Filling with demonstration data</source>
        <translation>Заполнение демонстрационными данными</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="877"/>
        <source>Move to trash</source>
        <translation>В корзину</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window/frame.py" line="878"/>
        <source>Move %n person(s) to the trash? They can be restored from the trash (or with Undo).</source>
        <translation>
            <numerusform>Переместить %n человека в корзину? Их можно будет восстановить из корзины (или отменой).</numerusform>
            <numerusform>Переместить %n человек в корзину? Их можно будет восстановить из корзины (или отменой).</numerusform>
            <numerusform>Переместить %n человек в корзину? Их можно будет восстановить из корзины (или отменой).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window/frame.py" line="900"/>
        <source>Move %n person(s) to the trash</source>
        <translation>
            <numerusform>перемещение %n человека в корзину</numerusform>
            <numerusform>перемещение %n человек в корзину</numerusform>
            <numerusform>перемещение %n человек в корзину</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="933"/>
        <source>There is no open evacuation list yet: create one on the Evacuation lists page.</source>
        <translation>Открытых списков на эвакуацию нет: создайте список на странице «Списки на эвакуацию».</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="937"/>
        <source>Add to list</source>
        <translation>Добавить в список</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window/frame.py" line="938"/>
        <source>Add %n person(s) to the list:</source>
        <translation>
            <numerusform>Добавить %n человека в список:</numerusform>
            <numerusform>Добавить %n человек в список:</numerusform>
            <numerusform>Добавить %n человек в список:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="946"/>
        <source>%1 added to %2.</source>
        <translation>Добавлено в «%2»: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="949"/>
        <source>Adding to the list</source>
        <translation>Добавление в список</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="907"/>
        <source>Moving to the trash</source>
        <translation>Перемещение в корзину</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="990"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="991"/>
        <source>The new language applies when the window is opened again.</source>
        <translation>Новый язык будет применён при следующем открытии окна.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="1001"/>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="1011"/>
        <source>About %1</source>
        <translation>О программе %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="1013"/>
        <source>An offline evacuation roster for consular missions.</source>
        <translation>Автономный список эвакуации для консульских миссий.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="188"/>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="190"/>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/actions.py" line="196"/>
        <source>Open &amp;recent</source>
        <translation>&amp;Недавние</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="543"/>
        <source>%1 is still being opened; open another roster once it is open.</source>
        <translation>%1 ещё открывается; откройте другую базу, когда она откроется.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="145"/>
        <source>Opening %1…</source>
        <translation>Открывается %1…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="146"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="224"/>
        <location filename="../../ui/main_window/frame.py" line="149"/>
        <source>Opening a roster</source>
        <translation>Открытие базы</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="165"/>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="177"/>
        <source>Cancelling once %1 is upgraded to this version of Mission Roster (a large roster can take several minutes); the roster open stays.</source>
        <translation>Отмена — после того как %1 будет обновлена до этой версии Mission Roster (большая база может обновляться несколько минут); открытая база остаётся.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="220"/>
        <location filename="../../ui/main_window/frame.py" line="181"/>
        <source>Upgrading %1 to this version of Mission Roster. A backup is taken first; a large roster can take several minutes.</source>
        <translation>%1 обновляется до этой версии Mission Roster. Сначала делается резервная копия; большая база может обновляться несколько минут.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="189"/>
        <source>An upgrade is not stopped half-way: the roster opens once it is done.</source>
        <translation>Обновление нельзя прервать на полпути: база откроется, когда оно закончится.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="194"/>
        <source>Backing up the roster open before %1 opens…</source>
        <translation>Резервная копия открытой базы перед открытием %1…</translation>
    </message>
</context>
<context>
    <name>ManualWindow</name>
    <message>
        <location filename="../../ui/help.py" line="65"/>
        <source>%1 manual</source>
        <translation>Руководство %1</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="70"/>
        <source>&amp;Back</source>
        <translation>&amp;Назад</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="74"/>
        <source>Open in &amp;browser</source>
        <translation>Открыть в &amp;браузере</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="76"/>
        <source>&amp;PDF to print</source>
        <translation>&amp;PDF для печати</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/importing/wizard.py" line="238"/>
        <source>Columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="239"/>
        <source>Choose the roster field of each column. A saved profile is applied by itself when the headers are the same.</source>
        <translation>Выберите поле списка для каждого столбца. Сохранённый профиль применяется сам, если заголовки совпадают.</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="242"/>
        <source>Apply profile</source>
        <translation>Применить профиль</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="244"/>
        <source>Save as profile…</source>
        <translation>Сохранить как профиль…</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="247"/>
        <source>as most dates in the column</source>
        <translation>как большинство дат в столбце</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="248"/>
        <source>day first (31/12/1980)</source>
        <translation>сначала день (31/12/1980)</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="249"/>
        <source>month first (12/31/1980)</source>
        <translation>сначала месяц (12/31/1980)</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="251"/>
        <source>Profile:</source>
        <translation>Профиль:</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="256"/>
        <source>Dates like 01/02/1980 are read</source>
        <translation>Даты вида 01/02/1980 читаются</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="265"/>
        <source>Use the suggested fields</source>
        <translation>Взять предложенные поля</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="286"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="302"/>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="302"/>
        <source>First values</source>
        <translation>Первые значения</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="302"/>
        <source>Roster field</source>
        <translation>Поле списка</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="307"/>
        <source>— not imported —</source>
        <translation>— не импортировать —</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="345"/>
        <source>%1 (looks like &lt;b&gt;%2&lt;/b&gt;)</source>
        <translation>%1 (похоже на &lt;b&gt;%2&lt;/b&gt;)</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="349"/>
        <source>⚠ Not imported: %1. Choose a field below for any column you want to keep.</source>
        <translation>⚠ Не импортируются: %1. Выберите поле ниже для столбцов, которые нужно сохранить.</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="384"/>
        <source>Save the mapping</source>
        <translation>Сохранить сопоставление</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="385"/>
        <source>Profile name (for example &apos;Egyptian MFA&apos;):</source>
        <translation>Название профиля (например, «МИД Египта»):</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="393"/>
        <source>Saving the column profile</source>
        <translation>Сохранение профиля столбцов</translation>
    </message>
</context>
<context>
    <name>MergeChoiceModel</name>
    <message>
        <location filename="../../ui/merge_dialog.py" line="86"/>
        <location filename="../../ui/merge_dialog.py" line="99"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="86"/>
        <source>Record A</source>
        <translation>Запись A</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="87"/>
        <source>Record B</source>
        <translation>Запись B</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../ui/merge_dialog.py" line="181"/>
        <source>Merge duplicate records</source>
        <translation>Объединение дублирующих записей</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="195"/>
        <source>Keep record &amp;A (B is merged into it)</source>
        <translation>Оставить запись &amp;A (B объединяется с ней)</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="197"/>
        <source>Keep record &amp;B (A is merged into it)</source>
        <translation>Оставить запись &amp;B (A объединяется с ней)</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="203"/>
        <source>Pick the value to keep in each shaded row: ←/→ or Space. Documents and phones of both are kept; list answers and the liaison log move to the record kept.</source>
        <translation>В каждой выделенной строке выберите значение, которое останется: ←/→ или пробел. Документы и телефоны обеих записей сохраняются; ответы по спискам и журнал связи переходят к оставленной записи.</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="209"/>
        <source>&amp;Merge…</source>
        <translation>&amp;Объединить…</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="212"/>
        <source>&amp;Undo merge</source>
        <translation>О&amp;тменить объединение</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="280"/>
        <source>Merge the records</source>
        <translation>Объединение записей</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="281"/>
        <source>Merge %1 into %2?

%1 becomes &apos;merged&apos; and points to %2; nothing is deleted and the merge can be undone.</source>
        <translation>Объединить %1 с %2?

%1 получит статус «объединён» и будет ссылаться на %2; ничего не удаляется, объединение можно отменить.</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="297"/>
        <source>Merging %1 into %2</source>
        <translation>Объединение %1 с %2</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="315"/>
        <source>Merged into %1 (operation %2).</source>
        <translation>Объединено с %1 (операция %2).</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="318"/>
        <source>Merge into %1</source>
        <translation>Объединить с %1</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="328"/>
        <source>Undoing the merge</source>
        <translation>Отмена объединения</translation>
    </message>
    <message>
        <location filename="../../ui/merge_dialog.py" line="346"/>
        <source>Merge undone: %1 is a record of its own again.</source>
        <translation>Объединение отменено: %1 снова отдельная запись.</translation>
    </message>
</context>
<context>
    <name>MissingRosterDialog</name>
    <message>
        <location filename="../../ui/start_roster.py" line="42"/>
        <source>Roster not found</source>
        <translation>База не найдена</translation>
    </message>
    <message>
        <location filename="../../ui/start_roster.py" line="44"/>
        <source>The default roster could not be opened:
%1</source>
        <translation>Не удалось открыть базу по умолчанию:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/start_roster.py" line="45"/>
        <source>The reason was shown just before. Open another roster, or create a new, empty roster; the file named in Settings is left as it is.</source>
        <translation>Причина показана перед этим. Откройте другую базу или создайте новую пустую базу; файл, указанный в настройках, остаётся как есть.</translation>
    </message>
    <message>
        <location filename="../../ui/start_roster.py" line="48"/>
        <source>The default roster is missing:
%1</source>
        <translation>База по умолчанию не найдена:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/start_roster.py" line="50"/>
        <source>It may have been moved or renamed, or it is on a drive that is not connected. Nothing was created. Open the roster where it is now, or create a new, empty roster.</source>
        <translation>Возможно, её переместили или переименовали, или она на неподключённом диске. Ничего не создано. Откройте базу там, где она сейчас, или создайте новую пустую базу.</translation>
    </message>
    <message>
        <location filename="../../ui/start_roster.py" line="52"/>
        <source>&amp;Open another roster…</source>
        <translation>&amp;Открыть другую базу…</translation>
    </message>
    <message>
        <location filename="../../ui/start_roster.py" line="53"/>
        <source>&amp;Create a new roster…</source>
        <translation>&amp;Создать новую базу…</translation>
    </message>
    <message>
        <location filename="../../ui/start_roster.py" line="54"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выйти</translation>
    </message>
    <message>
        <location filename="../../ui/start_roster.py" line="78"/>
        <source>New roster</source>
        <translation>Новая база</translation>
    </message>
    <message>
        <location filename="../../ui/start_roster.py" line="78"/>
        <source>Open roster</source>
        <translation>Открыть базу</translation>
    </message>
    <message>
        <location filename="../../ui/start_roster.py" line="79"/>
        <source>Roster databases (*.db);;All files (*)</source>
        <translation>Базы списка (*.db);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>MoveToServer</name>
    <message>
        <location filename="../../ui/server/__init__.py" line="33"/>
        <source>This roster is on a server already; only a roster file is moved to a server.</source>
        <translation>Эта база уже на сервере; на сервер переносится только файл базы.</translation>
    </message>
    <message>
        <location filename="../../ui/server/__init__.py" line="45"/>
        <source>Move roster to a shared &amp;server…</source>
        <translation>Перенести базу на общий &amp;сервер…</translation>
    </message>
</context>
<context>
    <name>MoveToServerDialog</name>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="45"/>
        <source>Move roster to a shared server</source>
        <translation>Перенос базы на общий сервер</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="51"/>
        <source>Copies this roster, with every record, its history and the audit trail, into an empty PostgreSQL database that every workstation of the mission can share. The roster file stays as it is: keep it as the last copy from before the move, and ask colleagues to stop working on it.</source>
        <translation>Копирует эту базу со всеми записями, их историей и журналом аудита в пустую базу данных PostgreSQL, общую для всех рабочих мест миссии. Файл базы остаётся как есть: храните его как последнюю копию до переноса и попросите коллег больше в нём не работать.</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="60"/>
        <source>Write no password in the address: it is read from the PostgreSQL password file (pgpass.conf, ~/.pgpass or PGPASSFILE) or PGPASSWORD, as every PostgreSQL program does.</source>
        <translation>Не пишите пароль в адресе: он берётся из файла паролей PostgreSQL (pgpass.conf, ~/.pgpass или PGPASSFILE) или из PGPASSWORD, как в любой программе PostgreSQL.</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="63"/>
        <source>&amp;Test connection</source>
        <translation>&amp;Проверить соединение</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="69"/>
        <source>Make the server roster this workstation&apos;s default roster</source>
        <translation>Сделать базу на сервере базой по умолчанию на этом рабочем месте</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="73"/>
        <source>Server &amp;address:</source>
        <translation>&amp;Адрес сервера:</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="81"/>
        <source>&amp;Move the roster</source>
        <translation>Перенести &amp;базу</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="109"/>
        <source>Cancelled: the server database was left empty and the roster file was not changed.</source>
        <translation>Отменено: база на сервере осталась пустой, файл базы не изменён.</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="118"/>
        <source>Connecting…</source>
        <translation>Соединение…</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="123"/>
        <source>Connected to PostgreSQL %1: the database is empty and ready for the roster.</source>
        <translation>Соединение с PostgreSQL %1 установлено: база данных пуста и готова принять базу.</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="126"/>
        <source>Connected to PostgreSQL %1, but: %2</source>
        <translation>Соединение с PostgreSQL %1 установлено, но: %2</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="136"/>
        <source>Moving the roster… (the server database stays empty until everything is copied and checked)</source>
        <translation>Перенос базы… (база на сервере остаётся пустой, пока всё не скопировано и не проверено)</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="142"/>
        <source>Moving the roster to the server</source>
        <translation>Перенос базы на сервер</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="148"/>
        <source>Moved: %1 persons, %2 rows in %3 tables; the audit trail (%4 entries) verifies on the server. The roster file was not changed.</source>
        <translation>Перенесено: лиц — %1, строк — %2 в таблицах: %3; журнал аудита (записей: %4) на сервере проверен. Файл базы не изменён.</translation>
    </message>
    <message>
        <location filename="../../ui/server/move_dialog.py" line="155"/>
        <source>The roster is on the server. Open the server roster now?</source>
        <translation>База на сервере. Открыть базу на сервере сейчас?</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <location filename="../../ui/accounts/manage.py" line="56"/>
        <source>New PIN for {name}</source>
        <translation>Новый PIN для {name}</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="57"/>
        <source>New account</source>
        <translation>Новая учётная запись</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="64"/>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="65"/>
        <source>&amp;Role:</source>
        <translation>&amp;Роль:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="67"/>
        <source>The roster&apos;s first account is the head of mission&apos;s: only a head adds, disables and changes accounts.</source>
        <translation>Первая учётная запись списка — главы миссии: только глава добавляет, отключает и меняет учётные записи.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="75"/>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="76"/>
        <source>PIN a&amp;gain:</source>
        <translation>PIN ещё &amp;раз:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/manage.py" line="92"/>
        <source>The two PINs differ.</source>
        <translation>PIN-коды не совпадают.</translation>
    </message>
</context>
<context>
    <name>NewListDialog</name>
    <message>
        <location filename="../../ui/pages/lists.py" line="83"/>
        <source>New evacuation list</source>
        <translation>Новый список на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="86"/>
        <source>(no partner yet)</source>
        <translation>(партнёр пока не выбран)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="93"/>
        <source>&amp;Name</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="94"/>
        <source>&amp;Partner</source>
        <translation>&amp;Партнёр</translation>
    </message>
</context>
<context>
    <name>NotifyDialog</name>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="135"/>
        <source>Scan with a work phone: WhatsApp opens with the message</source>
        <translation>Отсканируйте рабочим телефоном: WhatsApp откроется с сообщением</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="99"/>
        <source>The re-confirmation round: those whose family has not confirmed for this many days</source>
        <translation>Круг повторного подтверждения: семьи, не подтверждавшие столько дней</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="97"/>
        <source>Re-confirmation: only those not confirmed for (days)</source>
        <translation>Повторное подтверждение: только не подтверждавшие (дней)</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/__init__.py" line="25"/>
        <source>&amp;Notify the families…</source>
        <translation>&amp;Оповестить семьи…</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="45"/>
        <source>Reached</source>
        <translation>Дозвонились</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="46"/>
        <source>No answer</source>
        <translation>Нет ответа</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="47"/>
        <source>Wrong number</source>
        <translation>Неверный номер</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="48"/>
        <source>Message left</source>
        <translation>Оставлено сообщение</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="78"/>
        <source>Notify the families: {title}</source>
        <translation>Оповещение семей: {title}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="93"/>
        <source>Only those the partner approved</source>
        <translation>Только одобренные партнёром</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="96"/>
        <source>Second round: only those not reached yet</source>
        <translation>Второй круг: только те, до кого не дозвонились</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="103"/>
        <source>Template</source>
        <translation>Шаблон</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="104"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="105"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="106"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="107"/>
        <source>Meeting point</source>
        <translation>Место сбора</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="108"/>
        <source>What to bring</source>
        <translation>Что взять с собой</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="139"/>
        <source>Call</source>
        <translation>Позвонить</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="139"/>
        <location filename="../../ui/crossing/notify_dialog.py" line="232"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="139"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="153"/>
        <source>Call sheet…</source>
        <translation>Лист обзвона…</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="154"/>
        <source>SMS CSV…</source>
        <translation>CSV для SMS…</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="155"/>
        <source>Links page…</source>
        <translation>Страница ссылок…</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="231"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="231"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="231"/>
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="232"/>
        <source>Last try</source>
        <translation>Последняя попытка</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="234"/>
        <source>reached</source>
        <translation>дозвонились</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="241"/>
        <source>{count} persons, {missing} not reached yet</source>
        <translation>человек: {count}, ещё не дозвонились: {missing}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="262"/>
        <source>{units} characters · {encoding} · {segments} SMS of {per} each</source>
        <translation>символов: {units} · {encoding} · SMS: {segments} по {per}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="284"/>
        <source>Logging the attempt</source>
        <translation>Запись попытки</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="295"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/notify_dialog.py" line="309"/>
        <source>Writing</source>
        <translation>Запись файла</translation>
    </message>
</context>
<context>
    <name>OfficerPage</name>
    <message>
        <location filename="../../ui/first_start.py" line="167"/>
        <source>You and your mission</source>
        <translation>Вы и ваша миссия</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="168"/>
        <source>Your name goes into the audit trail with every change you make. The mission&apos;s country is where phone numbers typed without + are from.</source>
        <translation>Ваше имя записывается в журнал изменений с каждым вашим изменением. Страна миссии — та, чьими считаются номера телефонов, набранные без +.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="170"/>
        <source>Your &amp;name</source>
        <translation>Ваше &amp;имя</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="170"/>
        <source>&amp;Mission name</source>
        <translation>&amp;Название миссии</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="171"/>
        <source>Host &amp;country</source>
        <translation>&amp;Страна пребывания</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="171"/>
        <source>Your &amp;PIN (optional)</source>
        <translation>Ваш &amp;PIN (необязательно)</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="173"/>
        <source>gives every officer an account; you are the head of mission</source>
        <translation>у каждого сотрудника будет учётная запись; вы — глава миссии</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="174"/>
        <source>e.g. Consulate General in Cairo</source>
        <translation>например, Генеральное консульство в Каире</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="175"/>
        <source>ISO code, e.g. EGY: phones without + are from there</source>
        <translation>код ISO, например EGY: телефоны без + считаются местными</translation>
    </message>
</context>
<context>
    <name>OrganizationDialog</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="153"/>
        <source>Partner organization</source>
        <translation>Организация-партнёр</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="167"/>
        <source>&amp;Name</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="168"/>
        <source>&amp;Kind</source>
        <translation>&amp;Тип</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="169"/>
        <source>&amp;Country</source>
        <translation>&amp;Страна</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="170"/>
        <source>N&amp;otes</source>
        <translation>&amp;Примечания</translation>
    </message>
</context>
<context>
    <name>PartnersPage</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="216"/>
        <source>Organization</source>
        <translation>Организация</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="216"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="217"/>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="221"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="221"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="222"/>
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="223"/>
        <source>E-mails</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="226"/>
        <source>Add &amp;organization…</source>
        <translation>Добавить &amp;организацию…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="228"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="231"/>
        <source>Add &amp;person…</source>
        <translation>Добавить &amp;сотрудника…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="233"/>
        <source>Edi&amp;t…</source>
        <translation>Из&amp;менить…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="238"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="238"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="239"/>
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="240"/>
        <location filename="../../ui/pages/partners.py" line="250"/>
        <source>With</source>
        <translation>С кем</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="241"/>
        <location filename="../../ui/pages/partners.py" line="251"/>
        <source>Summary</source>
        <translation>Суть</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="241"/>
        <source>Follow up</source>
        <translation>Напомнить</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="246"/>
        <source>&amp;Log a contact…  (Ctrl+L)</source>
        <translation>&amp;Записать контакт…  (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="249"/>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="252"/>
        <source>Overdue</source>
        <translation>Просрочено</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="256"/>
        <source>Mark &amp;done</source>
        <translation>Отметить &amp;выполненным</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="263"/>
        <source>&lt;b&gt;Partner organizations&lt;/b&gt;</source>
        <translation>&lt;b&gt;Организации-партнёры&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="270"/>
        <source>&lt;b&gt;People there&lt;/b&gt;</source>
        <translation>&lt;b&gt;Сотрудники&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="287"/>
        <source>&lt;b&gt;Liaison log&lt;/b&gt;</source>
        <translation>&lt;b&gt;Журнал связи&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="333"/>
        <source>&lt;b&gt;Follow-ups due today or overdue: %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Напоминаний на сегодня или просрочено: %1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="364"/>
        <source>Adding the partner</source>
        <translation>Добавление партнёра</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="378"/>
        <source>Saving the partner</source>
        <translation>Сохранение партнёра</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="392"/>
        <source>Adding the contact</source>
        <translation>Добавление контакта</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="408"/>
        <source>Saving the contact</source>
        <translation>Сохранение контакта</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="441"/>
        <source>Marking the follow-ups done</source>
        <translation>Отметка о выполнении</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/protection/passphrase_dialog.py" line="39"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Парольная фраза</translation>
    </message>
    <message>
        <location filename="../../ui/protection/passphrase_dialog.py" line="43"/>
        <source>&amp;Again</source>
        <translation>&amp;Ещё раз</translation>
    </message>
    <message>
        <location filename="../../ui/protection/passphrase_dialog.py" line="53"/>
        <source>No encryption</source>
        <translation>Без шифрования</translation>
    </message>
    <message>
        <location filename="../../ui/protection/passphrase_dialog.py" line="54"/>
        <source>Anyone who gets this file can read it</source>
        <translation>Любой, к кому попадёт файл, сможет его прочесть</translation>
    </message>
    <message>
        <location filename="../../ui/protection/passphrase_dialog.py" line="79"/>
        <source>Type the passphrase.</source>
        <translation>Введите парольную фразу.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/passphrase_dialog.py" line="82"/>
        <source>Use at least %1 characters; several words are easier to remember and harder to guess.</source>
        <translation>Не менее %1 символов; несколько слов легче запомнить и труднее подобрать.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/passphrase_dialog.py" line="86"/>
        <source>The two passphrases differ.</source>
        <translation>Парольные фразы не совпадают.</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <location filename="../../ui/first_start.py" line="303"/>
        <source>Protect the roster</source>
        <translation>Защита базы</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="304"/>
        <source>The roster holds names, passport and phone numbers of people in danger. With a passphrase the file is encrypted: nobody who gets it (a lost or seized laptop) can read it. Several words you can remember are best. Next you get a recovery key to keep in the safe, in case the passphrase is forgotten.</source>
        <translation>В базе хранятся имена, номера паспортов и телефонов людей в опасности. С парольной фразой файл шифруется: никто, к кому он попадёт (потерянный или изъятый ноутбук), не сможет его прочесть. Лучше всего несколько слов, которые легко запомнить. Затем вы получите ключ восстановления для сейфа — на случай, если парольная фраза забудется.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="308"/>
        <source>&amp;Passphrase</source>
        <translation>&amp;Парольная фраза</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="309"/>
        <source>&amp;Again</source>
        <translation>&amp;Ещё раз</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="310"/>
        <source>&amp;No encryption: anyone who gets this file can read it</source>
        <translation>&amp;Без шифрования: любой, к кому попадёт файл, сможет его прочесть</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="311"/>
        <source>Create the roster</source>
        <translation>Создать базу</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="315"/>
        <source>Too short: at least %1 characters</source>
        <translation>Слишком короткая: нужно не меньше %1 символов</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="315"/>
        <source>Fair</source>
        <translation>Средняя</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="316"/>
        <source>Good</source>
        <translation>Хорошая</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="316"/>
        <source>Strong</source>
        <translation>Надёжная</translation>
    </message>
</context>
<context>
    <name>PendingOperation</name>
    <message>
        <location filename="../../ui/operations.py" line="514"/>
        <source>a colleague (another window or workstation)</source>
        <translation>коллега (другое окно или рабочее место)</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="516"/>
        <source>%1: waiting for %2 to finish writing to the roster. Your change is saved as soon as they finish; Cancel gives it up (nothing is written).</source>
        <translation>%1: ожидание, пока %2 закончит запись в базу. Ваше изменение сохранится сразу после этого; «Отмена» отказывается от него (ничего не записывается).</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="485"/>
        <location filename="../../ui/operations.py" line="519"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="521"/>
        <source>Waiting for the roster</source>
        <translation>Ожидание базы</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="544"/>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="568"/>
        <source>%1: cancelled; nothing was written.</source>
        <translation>%1: отменено; ничего не записано.</translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <location filename="../../ui/person/fields.py" line="42"/>
        <source>Identity</source>
        <translation>Личность</translation>
    </message>
    <message>
        <location filename="../../ui/person/fields.py" line="45"/>
        <source>Contact and location</source>
        <translation>Связь и местонахождение</translation>
    </message>
    <message>
        <location filename="../../ui/person/fields.py" line="47"/>
        <source>Needs and consent</source>
        <translation>Особые нужды и согласие</translation>
    </message>
    <message>
        <location filename="../../ui/person/fields.py" line="105"/>
        <source>YYYY-MM-DD or YYYY</source>
        <translation>ГГГГ-ММ-ДД или ГГГГ</translation>
    </message>
    <message>
        <location filename="../../ui/person/fields.py" line="107"/>
        <source>ISO codes, e.g. RUS, PSE</source>
        <translation>Коды ISO, напр. RUS, PSE</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="100"/>
        <source>Change status…</source>
        <translation>Сменить статус…</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="111"/>
        <source>&amp;Details</source>
        <translation>&amp;Данные</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="112"/>
        <source>D&amp;ocuments and phones</source>
        <translation>Д&amp;окументы и телефоны</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="113"/>
        <source>Hou&amp;sehold</source>
        <translation>&amp;Семья</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="114"/>
        <source>&amp;History</source>
        <translation>&amp;История</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="115"/>
        <source>&amp;Log and audit</source>
        <translation>&amp;Журналы</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="188"/>
        <location filename="../../ui/person/editor.py" line="189"/>
        <source>New person</source>
        <translation>Новый человек</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="190"/>
        <source>will be registered</source>
        <translation>будет зарегистрирован</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="195"/>
        <source>Status: %1</source>
        <translation>Статус: %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="222"/>
        <source>a surname (native or Latin) is required</source>
        <translation>нужна фамилия (на родном языке или латиницей)</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="260"/>
        <source>Also added on Save: %1</source>
        <translation>При сохранении также добавлено: %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="278"/>
        <source>phone %1</source>
        <translation>телефон %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="321"/>
        <source>Saving %1</source>
        <translation>Сохранение: %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/editor.py" line="321"/>
        <source>the new person</source>
        <translation>новый человек</translation>
    </message>
</context>
<context>
    <name>PersonEligibilityDialog</name>
    <message>
        <location filename="../../ui/crossing/__init__.py" line="40"/>
        <source>&amp;Basis and evidence…</source>
        <translation>&amp;Основание и документы…</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="43"/>
        <source>Basis and evidence: {ref}</source>
        <translation>Основание и документы: {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="44"/>
        <source>Basis and evidence</source>
        <translation>Основание и документы</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="50"/>
        <source>A minor travelling with one parent</source>
        <translation>Несовершеннолетний едет с одним из родителей</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="54"/>
        <source>Confirmed &amp;today</source>
        <translation>Подтвердили &amp;сегодня</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="56"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="59"/>
        <source>Basis for evacuation</source>
        <translation>Основание для эвакуации</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="61"/>
        <source>Evidence seen</source>
        <translation>Предъявленные документы</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="89"/>
        <source>Last confirmed: {day}</source>
        <translation>Последнее подтверждение: {day}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="90"/>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="98"/>
        <source>Missing: {evidence}</source>
        <translation>Не хватает: {evidence}</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="106"/>
        <source>Saving the basis</source>
        <translation>Сохранение основания</translation>
    </message>
    <message>
        <location filename="../../ui/crossing/eligibility_dialog.py" line="115"/>
        <source>Recording the confirmation</source>
        <translation>Запись подтверждения</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <location filename="../../ui/person_picker.py" line="37"/>
        <source>Find a person: name, case ref, passport…</source>
        <translation>Найти человека: имя, номер дела, паспорт…</translation>
    </message>
</context>
<context>
    <name>PlainCopiesDialog</name>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="43"/>
        <source>Plain copies of the roster</source>
        <translation>Незашифрованные копии базы</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="45"/>
        <source>The roster is encrypted now, but these copies of it are not: anyone who gets one can read every name in it.</source>
        <translation>База теперь зашифрована, а эти её копии — нет: любой, к кому попадёт такая копия, прочтёт все имена.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="52"/>
        <source>&amp;Encrypt them with the roster&apos;s new passphrase</source>
        <translation>&amp;Зашифровать их новым паролем базы</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="54"/>
        <source>&amp;Remove them (overwritten with zeros, then deleted)</source>
        <translation>&amp;Удалить их (затереть нулями и удалить)</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="56"/>
        <source>&amp;Keep them as they are</source>
        <translation>&amp;Оставить как есть</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../ui/importing/models.py" line="117"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../ui/importing/models.py" line="117"/>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../ui/importing/models.py" line="118"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/importing/models.py" line="118"/>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../ui/importing/models.py" line="119"/>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../../ui/importing/models.py" line="119"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location filename="../../ui/importing/models.py" line="173"/>
        <source>%1 (check)</source>
        <translation>%1 (проверить)</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/importing/pages.py" line="45"/>
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="46"/>
        <source>Nothing is written yet. Check the rows, then Import writes all accepted rows at once.</source>
        <translation>Пока ничего не записано. Проверьте строки: кнопка «Импортировать» запишет все принятые строки сразу.</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="49"/>
        <source>&amp;Import</source>
        <translation>&amp;Импортировать</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="53"/>
        <source>All rows</source>
        <translation>Все строки</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="57"/>
        <source>Import possible duplicates as new persons</source>
        <translation>Импортировать возможные дубликаты как новых людей</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="76"/>
        <source>Show:</source>
        <translation>Показать:</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="89"/>
        <source>Reading every row…</source>
        <translation>Чтение всех строк…</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="99"/>
        <source>Preparing the preview…</source>
        <translation>Подготовка предпросмотра…</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="102"/>
        <source>The preview could not be made.</source>
        <translation>Не удалось подготовить предпросмотр.</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="110"/>
        <source>&lt;b&gt;%1&lt;/b&gt; rows in sheet &apos;%2&apos;: &lt;b&gt;%3&lt;/b&gt; new, &lt;b&gt;%4&lt;/b&gt; updates, %5 without change, &lt;b&gt;%6&lt;/b&gt; possible duplicates, &lt;b&gt;%7&lt;/b&gt; rejected</source>
        <translation>Строк на листе «%2»: &lt;b&gt;%1&lt;/b&gt;; новых: &lt;b&gt;%3&lt;/b&gt;, обновлений: &lt;b&gt;%4&lt;/b&gt;, без изменений: %5, возможных дубликатов: &lt;b&gt;%6&lt;/b&gt;, отклонено: &lt;b&gt;%7&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="116"/>
        <source> · dates read %1</source>
        <translation> · даты читаются как %1</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="118"/>
        <source> · profile &apos;%1&apos;</source>
        <translation> · профиль «%1»</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="146"/>
        <source>Importing…</source>
        <translation>Импорт…</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <location filename="../../ui/profile_editor.py" line="68"/>
        <source>One row per person</source>
        <translation>По строке на человека</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="69"/>
        <source>Households together</source>
        <translation>Семьи вместе</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="70"/>
        <source>One sheet per evacuation list</source>
        <translation>По листу на каждый список на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="211"/>
        <source>Export profiles</source>
        <translation>Профили экспорта</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="219"/>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="220"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="220"/>
        <source>built in</source>
        <translation>встроенный</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="220"/>
        <source>mission&apos;s own</source>
        <translation>собственный</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="228"/>
        <source>New</source>
        <translation>Новый</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="230"/>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="243"/>
        <source>Names in upper-case Latin letters, as in the passport</source>
        <translation>Имена заглавными латинскими буквами, как в паспорте</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="245"/>
        <source>Show the record ID (UUID) column (always written last; hidden unless ticked)</source>
        <translation>Показывать столбец с идентификатором записи (UUID) (всегда записывается последним; без флажка скрыт)</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="247"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="262"/>
        <source>Add →</source>
        <translation>Добавить →</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="264"/>
        <source>← Remove</source>
        <translation>← Убрать</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="266"/>
        <source>Up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="268"/>
        <source>Down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="296"/>
        <source>&lt;b&gt;Profiles&lt;/b&gt;</source>
        <translation>&lt;b&gt;Профили&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="303"/>
        <source>&amp;Name</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="304"/>
        <source>&amp;Language of the headers</source>
        <translation>&amp;Язык заголовков</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="305"/>
        <source>&amp;Dates</source>
        <translation>&amp;Даты</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="306"/>
        <source>&amp;Grouping</source>
        <translation>&amp;Группировка</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="309"/>
        <source>&amp;Title row</source>
        <translation>Строка-&amp;заголовок</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="310"/>
        <source>&amp;Sheet name</source>
        <translation>&amp;Имя листа</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="312"/>
        <source>Available columns</source>
        <translation>Доступные столбцы</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="313"/>
        <source>Columns of the file, in order (double-click a header to edit it)</source>
        <translation>Столбцы файла по порядку (двойной щелчок по заголовку — изменить его)</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="355"/>
        <source>%1 (copy)</source>
        <translation>%1 (копия)</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="359"/>
        <source>A built-in profile cannot be changed: your changes are saved as a new profile under the name below.</source>
        <translation>Встроенный профиль изменить нельзя: ваши изменения будут сохранены как новый профиль под названием ниже.</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="362"/>
        <source>Saved by %1 on %2; shared by every workstation of the mission.</source>
        <translation>Сохранил(а) %1, %2; общий для всех рабочих мест миссии.</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="391"/>
        <source>A new profile: name it, choose its columns, save.</source>
        <translation>Новый профиль: задайте название, выберите столбцы, сохраните.</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="452"/>
        <source>Saving the profile</source>
        <translation>Сохранение профиля</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="467"/>
        <source>Delete profile</source>
        <translation>Удаление профиля</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="468"/>
        <source>Delete the export profile &apos;%1&apos; for the whole mission?</source>
        <translation>Удалить профиль экспорта «%1» для всей миссии?</translation>
    </message>
    <message>
        <location filename="../../ui/profile_editor.py" line="474"/>
        <source>Deleting the profile</source>
        <translation>Удаление профиля</translation>
    </message>
</context>
<context>
    <name>Protection</name>
    <message>
        <location filename="../../ui/protection/feature.py" line="193"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Резервная копия сейчас</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="194"/>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Восстановить из резервной копии…</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="195"/>
        <source>&amp;Verify audit trail</source>
        <translation>&amp;Проверить журнал изменений</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="196"/>
        <source>Backup &amp;settings…</source>
        <translation>Параметры резервного &amp;копирования…</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="198"/>
        <location filename="../../ui/protection/feature.py" line="212"/>
        <source>&amp;Encrypt roster…</source>
        <translation>&amp;Зашифровать базу…</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="199"/>
        <source>&amp;Lock now</source>
        <translation>&amp;Блокировать сейчас</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="200"/>
        <source>Close the crisis (re&amp;tention)…</source>
        <translation>Завершение кризиса (&amp;хранение данных)…</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="212"/>
        <source>Change &amp;passphrase…</source>
        <translation>Сменить парольную &amp;фразу…</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="283"/>
        <source>New roster database</source>
        <translation>Новая база списка</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="284"/>
        <source>Roster databases (*.db)</source>
        <translation>Базы списка (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="290"/>
        <source>Protect the new roster</source>
        <translation>Защита новой базы</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="291"/>
        <source>The roster will hold names, passport and phone numbers of people in danger. Choose a passphrase to encrypt it: without it, nobody who gets the file (a lost or seized laptop) can read it. Keep the passphrase safe: it cannot be recovered.</source>
        <translation>В базе будут имена, номера паспортов и телефонов людей, находящихся в опасности. Задайте парольную фразу для её шифрования: без неё никто, к кому попадёт файл (потерянный или изъятый ноутбук), не сможет его прочесть. Храните парольную фразу надёжно: восстановить её невозможно.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="369"/>
        <source>Automatic backup failed: %1</source>
        <translation>Автоматическое резервное копирование не удалось: %1</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="623"/>
        <source>Backup written and checked: %1 persons in %2</source>
        <translation>Резервная копия записана и проверена: %1 чел., %2</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="361"/>
        <location filename="../../ui/protection/feature.py" line="562"/>
        <location filename="../../ui/protection/feature.py" line="626"/>
        <source>Backing up</source>
        <translation>Резервное копирование</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="86"/>
        <source>Encrypted roster</source>
        <translation>Зашифрованная база</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="87"/>
        <source>%1 is encrypted. Type its passphrase.</source>
        <translation>База %1 зашифрована. Введите её парольную фразу.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="94"/>
        <source>Wrong passphrase. The roster was not changed.</source>
        <translation>Неверная парольная фраза. База не изменена.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="263"/>
        <source>Checking the roster file</source>
        <translation>Проверка файла базы</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="273"/>
        <source>The roster file is damaged</source>
        <translation>Файл базы повреждён</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="276"/>
        <source>Restore from backup…</source>
        <translation>Восстановить из копии…</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="288"/>
        <source>%1 already exists; use Open to open it.</source>
        <translation>%1 уже существует; откройте его через «Открыть».</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="638"/>
        <location filename="../../ui/protection/feature.py" line="661"/>
        <source>Restore from backup</source>
        <translation>Восстановление из резервной копии</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="639"/>
        <source>Go back to the backup taken %1 (%2 persons)? Changes made since then will be gone from the roster; the roster as it is now is saved first.</source>
        <translation>Вернуться к резервной копии от %1 (%2 чел.)? Изменения, сделанные после неё, исчезнут из базы; текущее состояние базы будет предварительно сохранено.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="662"/>
        <source>%1 is a backup of another roster, not of this one. Replace this roster by that other roster? This roster is saved first.</source>
        <translation>%1 — резервная копия другой базы, а не этой. Заменить эту базу той, другой? Сначала будет сохранена копия этой базы.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="653"/>
        <source>Restored</source>
        <translation>Восстановлено</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="654"/>
        <source>The roster is back to %1. The roster as it was is saved as %2.</source>
        <translation>База возвращена к состоянию на %1. Прежнее состояние базы сохранено как %2.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="671"/>
        <source>Restoring the backup</source>
        <translation>Восстановление базы из резервной копии</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="745"/>
        <location filename="../../ui/protection/feature.py" line="749"/>
        <source>Audit trail</source>
        <translation>Журнал изменений</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="746"/>
        <source>The audit trail is intact: %1 entries, each one chained to the one before.</source>
        <translation>Журнал изменений не нарушен: записей %1, каждая связана с предыдущей.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="750"/>
        <source>The audit trail does not fit together: %1. Entries before it are intact. Keep this file and tell your security officer.</source>
        <translation>Целостность журнала изменений нарушена: %1. Предшествующие записи не затронуты. Сохраните этот файл и сообщите сотруднику по безопасности.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="770"/>
        <location filename="../../ui/protection/feature.py" line="778"/>
        <source>Change passphrase</source>
        <translation>Смена парольной фразы</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="770"/>
        <source>The current passphrase:</source>
        <translation>Текущая парольная фраза:</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="775"/>
        <source>Wrong passphrase; nothing was changed.</source>
        <translation>Неверная парольная фраза; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="777"/>
        <source>Encrypt roster</source>
        <translation>Шифрование базы</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="779"/>
        <source>Choose the new passphrase. Backups taken before keep the passphrase they were written with.</source>
        <translation>Задайте новую парольную фразу. Ранее сделанные резервные копии остаются с той фразой, с которой были записаны.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="810"/>
        <source>The roster file is encrypted.</source>
        <translation>Файл базы зашифрован.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="816"/>
        <source>Encrypting the roster</source>
        <translation>Шифрование базы</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="816"/>
        <source>Changing the passphrase</source>
        <translation>Смена парольной фразы базы</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="833"/>
        <source>%1 plain copies removed.</source>
        <translation>Удалено незашифрованных копий: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="833"/>
        <source>%1 plain copies encrypted.</source>
        <translation>Зашифровано копий: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="850"/>
        <source>deleted</source>
        <translation>удалены</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="850"/>
        <source>anonymised</source>
        <translation>обезличены</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="852"/>
        <location filename="../../ui/protection/feature.py" line="854"/>
        <location filename="../../ui/protection/feature.py" line="863"/>
        <location filename="../../ui/protection/feature.py" line="876"/>
        <source>Retention</source>
        <translation>Хранение данных</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="852"/>
        <source>No person matches.</source>
        <translation>Под условия никто не подходит.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="855"/>
        <source>%1 persons will be %2 after the whole roster is archived, encrypted, to %3. This cannot be undone in the roster. Go on?</source>
        <translation>Записи %1 чел. будут %2 после того, как вся база будет заархивирована в зашифрованном виде в %3. В базе это отменить нельзя. Продолжить?</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="860"/>
        <source>Retention: confirm</source>
        <translation>Хранение данных: подтверждение</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="861"/>
        <source>To confirm, type the number of persons to be %1:</source>
        <translation>Для подтверждения введите число человек, чьи записи будут %1:</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="863"/>
        <source>Nothing was changed.</source>
        <translation>Ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="869"/>
        <source>Applying the retention</source>
        <translation>Применение срока хранения</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="876"/>
        <source>%1 persons %2. The encrypted archive is %3.</source>
        <translation>Записи %1 чел. %2. Зашифрованный архив: %3.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="574"/>
        <source>Backup at close not written</source>
        <translation>Резервная копия при закрытии не записана</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="575"/>
        <source>The backup of the roster at close could not be written: %1

Close anyway (the roster itself is unchanged, without this backup), or Cancel to stay open and choose another backup folder (Tools &gt; Backup settings…).</source>
        <translation>Не удалось записать резервную копию базы при закрытии: %1

Закрыть всё равно (сама база не изменена, но без этой копии) или Отмена, чтобы остаться и выбрать другую папку для копий (Сервис &gt; Параметры резервного копирования…).</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="578"/>
        <source>Close &amp;anyway</source>
        <translation>&amp;Всё равно закрыть</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="593"/>
        <source>Backup not written</source>
        <translation>Резервная копия не записана</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="386"/>
        <source>%1 was not opened: the window is closing, once the backup of the roster open is written.</source>
        <translation>%1 не открыта: окно закрывается, как только будет записана резервная копия открытой базы.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="594"/>
        <source>The backup of the roster you are leaving could not be written: %1

Open the other roster anyway (this roster itself is unchanged, without this backup), or Cancel to stay on this roster and choose another backup folder (Tools &gt; Backup settings…).</source>
        <translation>Не удалось записать резервную копию базы, которую вы покидаете: %1

Открыть другую базу всё равно (эта база не изменена, но без этой копии) или Отмена, чтобы остаться в этой базе и выбрать другую папку для копий (Сервис &gt; Параметры резервного копирования…).</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="598"/>
        <source>Open &amp;anyway</source>
        <translation>&amp;Всё равно открыть</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="532"/>
        <source>the automatic backup still being written</source>
        <translation>ещё не дописанная автоматическая резервная копия</translation>
    </message>
    <message>
        <location filename="../../ui/protection/feature.py" line="564"/>
        <source>Backing up: an automatic backup of the roster is still being written, and this backup follows it. Cancel gives this backup up (nothing more is written; the automatic one is kept).</source>
        <translation>Резервное копирование: автоматическая резервная копия базы ещё записывается, эта копия будет сделана после неё. Отмена отказывается от этой копии (больше ничего не записывается; автоматическая копия сохраняется).</translation>
    </message>
</context>
<context>
    <name>QMainWindow</name>
    <message>
        <location filename="../../ui/main_window/frame.py" line="1036"/>
        <source>Who is working?</source>
        <translation>Кто работает?</translation>
    </message>
    <message>
        <location filename="../../ui/main_window/frame.py" line="1037"/>
        <source>Your name (it goes into the audit trail with every change you make):</source>
        <translation>Ваше имя (записывается в журнал изменений при каждом вашем изменении):</translation>
    </message>
</context>
<context>
    <name>QuickLogDialog</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="67"/>
        <source>Log a contact</source>
        <translation>Запись о контакте</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="74"/>
        <source>What was said or agreed</source>
        <translation>Что сказано или согласовано</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="77"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="82"/>
        <source>or the name of whoever you spoke to</source>
        <translation>или имя того, с кем говорили</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="86"/>
        <source>&amp;Follow up on</source>
        <translation>&amp;Напомнить</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="97"/>
        <source>About %n person(s) selected in the roster</source>
        <translation>
            <numerusform>О %n человеке, выбранном в списке</numerusform>
            <numerusform>О %n людях, выбранных в списке</numerusform>
            <numerusform>О %n людях, выбранных в списке</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="108"/>
        <source>&amp;Summary</source>
        <translation>&amp;Суть</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="109"/>
        <source>&amp;Partner</source>
        <translation>&amp;Партнёр</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="110"/>
        <source>Person &amp;there</source>
        <translation>&amp;Сотрудник</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="112"/>
        <source>&amp;Channel</source>
        <translation>&amp;Канал</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="122"/>
        <source>(nobody named)</source>
        <translation>(не указан)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="137"/>
        <source>Logging the contact</source>
        <translation>Запись контакта в журнал</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="62"/>
        <source>Receive a roster package</source>
        <translation>Получить пакет списка</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="67"/>
        <source>No package chosen</source>
        <translation>Пакет не выбран</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="68"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="71"/>
        <source>only for a package made with a passphrase</source>
        <translation>только для пакета, зашифрованного паролем</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="73"/>
        <source>I confirmed this fingerprint with the sender by phone</source>
        <translation>Я сверил этот отпечаток с отправителем по телефону</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="77"/>
        <source>Person</source>
        <translation>Лицо</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="78"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="79"/>
        <source>Ours</source>
        <translation>У нас</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="80"/>
        <source>Theirs</source>
        <translation>У них</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="81"/>
        <source>From</source>
        <translation>От кого</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="89"/>
        <source>Preview</source>
        <translation>Просмотр</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="90"/>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="91"/>
        <source>Keep ours</source>
        <translation>Оставить наше</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="92"/>
        <source>Take theirs</source>
        <translation>Принять их</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="93"/>
        <source>Undo this import</source>
        <translation>Отменить этот приём</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="95"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="107"/>
        <source>Package:</source>
        <translation>Пакет:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="108"/>
        <source>Passphrase:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="120"/>
        <source>Conflicts: the same field changed at both missions</source>
        <translation>Конфликты: одно и то же поле изменено в обеих миссиях</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="137"/>
        <source>Open a roster package</source>
        <translation>Открыть пакет списка</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="138"/>
        <source>Roster packages (*.mrpkg)</source>
        <translation>Пакеты списка (*.mrpkg)</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="164"/>
        <source>Reading the package</source>
        <translation>Чтение пакета</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="169"/>
        <source>From {site} (package {number}), key fingerprint {fingerprint}.</source>
        <translation>От {site} (пакет {number}), отпечаток ключа {fingerprint}.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="172"/>
        <source>{site} is not a known site. Read this key fingerprint to them by phone before you apply: {fingerprint}</source>
        <translation>{site} — неизвестная площадка. Прежде чем применять, зачитайте им по телефону отпечаток ключа: {fingerprint}</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="177"/>
        <source>Preview (nothing changed yet)</source>
        <translation>Просмотр (ещё ничего не изменено)</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="182"/>
        <source>{created} new, {updated} updated, {unchanged} unchanged persons; {conflicts} conflicts; {duplicates} possible duplicates</source>
        <translation>лиц: новых {created}, изменённых {updated}, без изменений {unchanged}; конфликтов: {conflicts}; возможных дубликатов: {duplicates}</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="187"/>
        <source>Packages {numbers} from {site} never arrived here.</source>
        <translation>Пакеты {numbers} от {site} сюда не поступали.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="190"/>
        <source>Possibly the same person: {new} and {existing}</source>
        <translation>Возможно, одно и то же лицо: {new} и {existing}</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="199"/>
        <source>Confirm the sender&apos;s fingerprint by phone first.</source>
        <translation>Сначала сверьте отпечаток отправителя по телефону.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="207"/>
        <source>Applying the package</source>
        <translation>Применение пакета</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="212"/>
        <source>Applied as import #{number}</source>
        <translation>Применён как приём № {number}</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="229"/>
        <source>Undoing the package import</source>
        <translation>Отмена приёма пакета</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="233"/>
        <source>Import #{number} undone: {count} records put back.</source>
        <translation>Приём № {number} отменён: восстановлено записей: {count}.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/receive_dialog.py" line="258"/>
        <source>Settling the conflict</source>
        <translation>Разрешение расхождения</translation>
    </message>
</context>
<context>
    <name>ReconcileDialog</name>
    <message>
        <location filename="../../ui/reconcile/models.py" line="148"/>
        <source>NOT on this list</source>
        <translation>НЕТ в этом списке</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="150"/>
        <source>on the list (%1)</source>
        <translation>в списке (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="152"/>
        <source>on the roster</source>
        <translation>в базе</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="157"/>
        <source>Status, list</source>
        <translation>Статус, список</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="159"/>
        <location filename="../../ui/reconcile/models.py" line="224"/>
        <source>Score</source>
        <translation>Балл</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="160"/>
        <source>Reasons</source>
        <translation>Основания</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="161"/>
        <source>Evidence (bits)</source>
        <translation>Доводы (биты)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="165"/>
        <source>log-odds of one person</source>
        <translation>логарифм шансов, что это один человек</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="262"/>
        <location filename="../../ui/reconcile/models.py" line="179"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="180"/>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="181"/>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="182"/>
        <location filename="../../ui/reconcile/models.py" line="217"/>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="262"/>
        <location filename="../../ui/reconcile/models.py" line="183"/>
        <source>Case ref.</source>
        <translation>Номер дела</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="265"/>
        <location filename="../../ui/reconcile/models.py" line="184"/>
        <source>Household</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="187"/>
        <source>household split</source>
        <translation>семья разделена</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="188"/>
        <source>approved twice</source>
        <translation>одобрен дважды</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="189"/>
        <source>conflicting answers</source>
        <translation>противоречивые ответы</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="190"/>
        <source>not on the list</source>
        <translation>нет в списке</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="191"/>
        <source>unreadable cell</source>
        <translation>нечитаемая ячейка</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="203"/>
        <source>to decide</source>
        <translation>решить</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="206"/>
        <source>left out</source>
        <translation>исключено</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="209"/>
        <source>person %1</source>
        <translation>человек %1</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="210"/>
        <source>confirmed %1</source>
        <translation>подтверждено: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="214"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="215"/>
        <source>Name in the answer</source>
        <translation>Имя в ответе</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="263"/>
        <location filename="../../ui/reconcile/models.py" line="216"/>
        <source>Born</source>
        <translation>Родился</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="218"/>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="219"/>
        <source>unreadable</source>
        <translation>не прочитано</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="220"/>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="222"/>
        <source>Roster person</source>
        <translation>Человек из базы</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="225"/>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/models.py" line="279"/>
        <source>Your decision</source>
        <translation>Ваше решение</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="173"/>
        <source>Reconcile a partner&apos;s answer</source>
        <translation>Сверка ответа партнёра</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="199"/>
        <source>the partner&apos;s answer: .xlsx, .xls, .ods or .csv</source>
        <translation>ответ партнёра: .xlsx, .xls, .ods или .csv</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="200"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="208"/>
        <source>Whole roster (check only, nothing to apply)</source>
        <translation>Вся база (только проверка, без применения)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="210"/>
        <source>%1 (%2 members, %3)</source>
        <translation>%1 (человек: %2, %3)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="217"/>
        <source>Read it from the decision column</source>
        <translation>Брать из столбца с решением</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="218"/>
        <source>Every row is an approval</source>
        <translation>Каждая строка — одобрение</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="219"/>
        <source>Every row is a rejection</source>
        <translation>Каждая строка — отказ</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="220"/>
        <source>&amp;Check answer</source>
        <translation>&amp;Проверить ответ</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="226"/>
        <source>Answer file:</source>
        <translation>Файл ответа:</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="227"/>
        <source>Against:</source>
        <translation>Сверять с:</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="228"/>
        <source>No decision column:</source>
        <translation>Нет столбца с решением:</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="230"/>
        <source>Choose the partner&apos;s file and press Check answer.</source>
        <translation>Выберите файл партнёра и нажмите «Проверить ответ».</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="250"/>
        <source>↑↓ row · ←→ candidate · Enter confirm the highlighted candidate · Del leave the row out · Backspace undecide.  Shaded cells differ from the answer.</source>
        <translation>↑↓ строка · ←→ кандидат · Enter — подтвердить выделенного кандидата · Del — исключить строку · Backspace — снять решение.  Затенённые ячейки расходятся с ответом.</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="263"/>
        <source>Latin name</source>
        <translation>Имя латиницей</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="264"/>
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="265"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="266"/>
        <source>Answer on the list</source>
        <translation>Ответ по списку</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="268"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="269"/>
        <source>Rows</source>
        <translation>Строки</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="270"/>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="273"/>
        <source>Matched</source>
        <translation>Совпали</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="274"/>
        <source>Needs review</source>
        <translation>Требуют проверки</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="275"/>
        <source>Not on roster</source>
        <translation>Нет в базе</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="279"/>
        <source>Not mentioned</source>
        <translation>Не упомянуты</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="280"/>
        <source>Warnings</source>
        <translation>Предупреждения</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="286"/>
        <source>&amp;Copy summary</source>
        <translation>&amp;Копировать сводку</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="294"/>
        <source>Save &amp;report…</source>
        <translation>Сохранить &amp;отчёт…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="297"/>
        <source>&amp;Apply…</source>
        <translation>Прим&amp;енить…</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="300"/>
        <source>&amp;Undo apply</source>
        <translation>О&amp;тменить применение</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="336"/>
        <source>Partner&apos;s answer</source>
        <translation>Ответ партнёра</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="337"/>
        <source>Spreadsheets (*.xlsx *.xls *.ods *.csv);;All files (*)</source>
        <translation>Таблицы (*.xlsx *.xls *.ods *.csv);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="362"/>
        <source>Check the answer again</source>
        <translation>Повторная проверка ответа</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="363"/>
        <source>Checking again discards your decisions on the rows needing review (%1 decided, not applied). Check again?</source>
        <translation>Повторная проверка отменит ваши решения по строкам, требующим проверки (решено: %1, не применено). Проверить снова?</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="383"/>
        <source>Matching the answer against the roster</source>
        <translation>Сверка ответа с базой</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="411"/>
        <source>Matched (%1)</source>
        <translation>Совпали (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="412"/>
        <source>Needs review (%1)</source>
        <translation>Требуют проверки (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="413"/>
        <source>Not on roster (%1)</source>
        <translation>Нет в базе (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="414"/>
        <source>Not mentioned (%1)</source>
        <translation>Не упомянуты (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="415"/>
        <source>Warnings (%1)</source>
        <translation>Предупреждения (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="430"/>
        <source>list &apos;%1&apos;</source>
        <translation>списком «%1»</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="431"/>
        <source>the whole roster (check only)</source>
        <translation>всей базой (только проверка)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="433"/>
        <source>%1, sheet &apos;%2&apos;: %3 rows against %4: %5 matched, %6 need review (%7 decided), %8 not on the roster, %9 members not mentioned, %10 warnings.</source>
        <translation>%1, лист «%2»: строк — %3, сверка со %4: совпали — %5, требуют проверки — %6 (решено — %7), нет в базе — %8, не упомянуты члены списка — %9, предупреждений — %10.</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="507"/>
        <source>Save the reconciliation</source>
        <translation>Сохранить сверку</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="507"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="520"/>
        <source>Writing the report</source>
        <translation>Запись отчёта</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="523"/>
        <source>Report written to %1.</source>
        <translation>Отчёт записан в %1.</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="543"/>
        <source>This screen belongs to another roster than the one now open; it was closed. Open Reconcile again from the roster you mean.</source>
        <translation>Это окно относится к другой базе, не к той, что открыта сейчас; оно закрыто. Откройте сверку заново из нужной базы.</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="553"/>
        <source>Record the partner&apos;s answer for %1 persons on list &apos;%2&apos;?

Their answers and statuses change, with the file named as the reason. You can undo it as a whole.</source>
        <translation>Записать ответ партнёра по %1 чел. из списка «%2»?

Их ответы и статусы изменятся, причиной будет указан файл. Всё это можно отменить целиком.</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="557"/>
        <source>%1 rows still need review and will not be applied.</source>
        <translation>Строк, ещё требующих проверки: %1; они не будут применены.</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="558"/>
        <source>Apply the answer</source>
        <translation>Применение ответа</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="570"/>
        <source>Applying the answer</source>
        <translation>Применение ответа</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="588"/>
        <source>Recorded: %1 approved, %2 rejected; %3 statuses changed</source>
        <translation>Внесено: одобрено %1, отказано %2; изменено статусов: %3</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="593"/>
        <source>Answer recorded, status unchanged: %1</source>
        <translation>Ответ внесён, статус не изменился: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="590"/>
        <source> (operation %1).</source>
        <translation> (операция %1).</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="594"/>
        <location filename="../../ui/reconcile/dialog.py" line="598"/>
        <source>row %1: %2</source>
        <translation>строка %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="597"/>
        <source>Not recorded: %1</source>
        <translation>Не внесено: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="601"/>
        <source> Details below.</source>
        <translation> Подробности ниже.</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="606"/>
        <source>Apply %1</source>
        <translation>Применить %1</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="615"/>
        <source>Undo the apply</source>
        <translation>Отмена применения</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="616"/>
        <source>Put back every answer and status this apply changed? The history keeps both steps.</source>
        <translation>Вернуть все ответы и статусы, изменённые этим применением? В истории сохранятся оба шага.</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="622"/>
        <source>Undoing the apply</source>
        <translation>Отмена применения</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/dialog.py" line="632"/>
        <source>Undone: %1 answers restored, %2 statuses returned.</source>
        <translation>Отменено: восстановлено ответов — %1, возвращено статусов — %2.</translation>
    </message>
    <message>
        <location filename="../../ui/reconcile/__init__.py" line="41"/>
        <source>&amp;Reconcile partner answer…</source>
        <translation>Све&amp;рить ответ партнёра…</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="238"/>
        <source>Open with the recovery key</source>
        <translation>Открыть ключом восстановления</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="239"/>
        <source>Type the recovery key kept in the mission&apos;s safe (dashes and spaces do not matter) and choose a new passphrase. The roster is given the new passphrase; the recovery key keeps working.</source>
        <translation>Введите ключ восстановления из сейфа миссии (дефисы и пробелы не важны) и выберите новую парольную фразу. База получит новую парольную фразу; ключ восстановления продолжит действовать.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="250"/>
        <source>Recovery &amp;key</source>
        <translation>&amp;Ключ восстановления</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="251"/>
        <source>&amp;New passphrase</source>
        <translation>&amp;Новая парольная фраза</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="252"/>
        <source>&amp;Again</source>
        <translation>&amp;Ещё раз</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="271"/>
        <source>Use at least %1 characters for the new passphrase.</source>
        <translation>Новая парольная фраза должна быть не короче %1 символов.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="275"/>
        <source>The two passphrases differ.</source>
        <translation>Две парольные фразы различаются.</translation>
    </message>
</context>
<context>
    <name>RecoveryKey</name>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="51"/>
        <source>%1: recovery key</source>
        <translation>%1: ключ восстановления</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="52"/>
        <source>Keep this sheet in the mission&apos;s safe. With it, the roster can be opened and given a new passphrase when the passphrase is forgotten (Help &gt; Manual: lost laptop, forgotten passphrase).</source>
        <translation>Храните этот лист в сейфе миссии. С ним базу можно открыть и задать новую парольную фразу, если прежняя забыта (Справка &gt; Руководство: потерян ноутбук, забыта парольная фраза).</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="304"/>
        <source>Forgot the passphrase?</source>
        <translation>Забыли парольную фразу?</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyAction</name>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="175"/>
        <source>Make a &amp;recovery key…</source>
        <translation>Создать &amp;ключ восстановления…</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="197"/>
        <source>Make a recovery key</source>
        <translation>Создать ключ восстановления</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="198"/>
        <source>Type the roster&apos;s passphrase. The recovery key made before (if any) stops working.</source>
        <translation>Введите парольную фразу базы. Ключ восстановления, созданный раньше (если был), перестанет действовать.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="208"/>
        <source>Wrong passphrase; no key was made.</source>
        <translation>Неверная парольная фраза; ключ не создан.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="153"/>
        <source>Recovery key</source>
        <translation>Ключ восстановления</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="154"/>
        <source>This key opens the roster and sets a new passphrase if the passphrase is forgotten; the key made before no longer works. It is shown only now. Print it (or write it down) and keep it in the mission&apos;s safe, not with the laptop.</source>
        <translation>Этот ключ открывает базу и задаёт новую парольную фразу, если прежняя забыта; ключ, созданный раньше, больше не действует. Он показывается только сейчас. Распечатайте его (или перепишите) и храните в сейфе миссии, не вместе с ноутбуком.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyView</name>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="99"/>
        <location filename="../../ui/first_start_recovery.py" line="118"/>
        <source>&amp;Print…</source>
        <translation>&amp;Печать…</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="100"/>
        <location filename="../../ui/first_start_recovery.py" line="119"/>
        <source>Save as P&amp;DF…</source>
        <translation>Сохранить в P&amp;DF…</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="130"/>
        <source>Save the recovery key</source>
        <translation>Сохранить ключ восстановления</translation>
    </message>
    <message>
        <location filename="../../ui/first_start_recovery.py" line="131"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../../ui/first_start.py" line="378"/>
        <source>Your recovery key</source>
        <translation>Ваш ключ восстановления</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="379"/>
        <source>If the passphrase is ever forgotten, this key opens the roster and sets a new one. It is shown only now. Print it (or write it down) and keep it in the mission&apos;s safe, not with the laptop.</source>
        <translation>Если парольная фраза забудется, этот ключ откроет базу и задаст новую. Он показывается только сейчас. Распечатайте его (или перепишите) и храните в сейфе миссии, не вместе с ноутбуком.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="383"/>
        <source>I have &amp;printed the key or written it down</source>
        <translation>Я &amp;распечатал(а) или переписал(а) ключ</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../ui/importing/pages.py" line="154"/>
        <source>Imported</source>
        <translation>Импорт выполнен</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="157"/>
        <source>Save rejected rows…</source>
        <translation>Сохранить отклонённые строки…</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="173"/>
        <source>%1 possible duplicates created as new persons</source>
        <translation>возможных дубликатов, созданных как новые люди: %1</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="175"/>
        <source>%1 possible duplicates left out</source>
        <translation>возможных дубликатов пропущено: %1</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="177"/>
        <source>Import #%1 of %2 (%3):&lt;br&gt;&lt;b&gt;%4&lt;/b&gt; persons created, &lt;b&gt;%5&lt;/b&gt; updated, %6 already up to date, %7, &lt;b&gt;%8&lt;/b&gt; rows rejected.&lt;br&gt;&lt;br&gt;Exchange ▸ Undo an import… takes the whole import back.</source>
        <translation>Импорт № %1 из %2 (%3):&lt;br&gt;создано человек: &lt;b&gt;%4&lt;/b&gt;, обновлено: &lt;b&gt;%5&lt;/b&gt;, уже актуальны: %6, %7, отклонено строк: &lt;b&gt;%8&lt;/b&gt;.&lt;br&gt;&lt;br&gt;Обмен ▸ Отменить импорт… отменяет весь импорт целиком.</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="193"/>
        <source>Save rejected rows</source>
        <translation>Сохранить отклонённые строки</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="193"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/importing/pages.py" line="205"/>
        <source>Saved %1 rows to %2: fix them and import that file again.</source>
        <translation>Строк сохранено: %1, файл %2: исправьте их и импортируйте этот файл снова.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="51"/>
        <source>before an import</source>
        <translation>перед импортом</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="52"/>
        <source>before applying an answer</source>
        <translation>перед применением ответа</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="53"/>
        <source>before a merge</source>
        <translation>перед объединением</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="54"/>
        <source>before a retention</source>
        <translation>перед завершением хранения</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="55"/>
        <source>before a restore</source>
        <translation>перед восстановлением</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="56"/>
        <source>damaged roster, kept at a restore</source>
        <translation>повреждённая база, сохранённая при восстановлении</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="61"/>
        <source>routine</source>
        <translation>плановая</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="66"/>
        <source>Taken</source>
        <translation>Создана</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="67"/>
        <source>Persons</source>
        <translation>Человек</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="68"/>
        <source>Last change</source>
        <translation>Последнее изменение</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="70"/>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="71"/>
        <source>Encrypted</source>
        <translation>Зашифрована</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="72"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="73"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="74"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="75"/>
        <source>%1 MB</source>
        <translation>%1 МБ</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="76"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="86"/>
        <source>Restore from backup</source>
        <translation>Восстановление из резервной копии</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="91"/>
        <source>Choose the backup to go back to. The roster as it is now is backed up first, so this can be undone by restoring that copy.</source>
        <translation>Выберите резервную копию, к которой нужно вернуться. Текущее состояние базы сначала будет сохранено, так что восстановление можно отменить, восстановив эту копию.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="97"/>
        <source>Other folder…</source>
        <translation>Другая папка…</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="113"/>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <location filename="../../ui/protection/backup_dialog.py" line="143"/>
        <source>Backup folder</source>
        <translation>Папка резервных копий</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="78"/>
        <source>Close the crisis: retention</source>
        <translation>Завершение кризиса: хранение данных</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="80"/>
        <source>When the evacuation is over, personal data must not linger. The whole roster is first archived to an encrypted file; then the persons chosen here are anonymised (statistics stay right) or deleted.</source>
        <translation>Когда эвакуация завершена, персональные данные не должны храниться дольше необходимого. Сначала вся база архивируется в зашифрованный файл; затем записи выбранных здесь людей обезличиваются (статистика остаётся верной) или удаляются.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="92"/>
        <source>Persons in</source>
        <translation>Люди со статусом</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="96"/>
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="97"/>
        <source>Unchanged for at least</source>
        <translation>Без изменений не менее</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="98"/>
        <source>Anonymise (keep statistics)</source>
        <translation>Обезличить (статистика сохранится)</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="99"/>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="107"/>
        <source>Then</source>
        <translation>Затем</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="109"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="114"/>
        <location filename="../../ui/protection/dialogs.py" line="128"/>
        <source>Encrypted archive</source>
        <translation>Зашифрованный архив</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="117"/>
        <source>Archive passphrase</source>
        <translation>Парольная фраза архива</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="129"/>
        <source>Roster archives (*.db)</source>
        <translation>Архивы базы (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/protection/dialogs.py" line="136"/>
        <source>Choose at least one state, the archive file and a passphrase of at least 8 characters.</source>
        <translation>Выберите хотя бы один статус, файл архива и парольную фразу не короче 8 символов.</translation>
    </message>
</context>
<context>
    <name>RosterColumns</name>
    <message>
        <location filename="../../ui/roster_model.py" line="108"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="110"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="113"/>
        <source>Name as in passport</source>
        <translation>Имя как в паспорте</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="115"/>
        <source>Born</source>
        <translation>Родился</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="117"/>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="118"/>
        <source>Citizenship</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="120"/>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="121"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="123"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="125"/>
        <source>Household</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="126"/>
        <source>Relation</source>
        <translation>Родство</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="128"/>
        <source>Locality</source>
        <translation>Населённый пункт</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="130"/>
        <source>Flags</source>
        <translation>Отметки</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="131"/>
        <source>Updated</source>
        <translation>Изменён</translation>
    </message>
</context>
<context>
    <name>RosterLock</name>
    <message>
        <location filename="../../ui/instance.py" line="71"/>
        <source>%1 is already open in another Mission Roster window (%2). Switch to that window: it may be behind others or minimised. The roster is not opened twice.</source>
        <translation>%1 уже открыта в другом окне Mission Roster (%2). Перейдите в то окно: оно может быть за другими окнами или свёрнуто. Одна база не открывается дважды.</translation>
    </message>
</context>
<context>
    <name>RosterPackages</name>
    <message>
        <location filename="../../ui/packages/__init__.py" line="32"/>
        <source>Send a roster &amp;package…</source>
        <translation>Отправить &amp;пакет списка…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/__init__.py" line="33"/>
        <source>Receive a roster pac&amp;kage…</source>
        <translation>Получить п&amp;акет списка…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/__init__.py" line="35"/>
        <source>Sites and &amp;keys…</source>
        <translation>Площадки и &amp;ключи…</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../ui/roster_page.py" line="366"/>
        <source>Nobody matches this search and these filters.</source>
        <translation>Никто не соответствует этому поиску и этим фильтрам.</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="367"/>
        <source>The roster is empty.

Register a person: Person &gt; New person (Ctrl+N)
Import a list from a spreadsheet: Exchange &gt; Import spreadsheet (Ctrl+I)
Try the program on invented data: File &gt; Fill with demonstration data</source>
        <translation>Список пуст.

Зарегистрировать человека: Человек &gt; Новый человек (Ctrl+N)
Загрузить список из таблицы: Обмен &gt; Импорт таблицы (Ctrl+I)
Попробовать программу на вымышленных данных: Файл &gt; Заполнить демонстрационными данными</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="138"/>
        <source>Search: name in any script, case ref, passport or phone  (Ctrl+F)</source>
        <translation>Поиск: имя на любом языке, номер дела, паспорт или телефон  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="140"/>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="144"/>
        <source>Any list</source>
        <translation>Любой список</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="145"/>
        <source>Any citizenship</source>
        <translation>Любое гражданство</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="146"/>
        <source>Any locality</source>
        <translation>Любой населённый пункт</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="148"/>
        <source>Household</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="152"/>
        <location filename="../../ui/roster_page.py" line="323"/>
        <source>Needs</source>
        <translation>Особые нужды</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="163"/>
        <source>Clear filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="232"/>
        <source>Filter:</source>
        <translation>Фильтр:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/roster_page.py" line="354"/>
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n человек</numerusform>
            <numerusform>%n человека</numerusform>
            <numerusform>%n человек</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="225"/>
        <source>Where the roster lives</source>
        <translation>Где хранится база</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="226"/>
        <source>The roster is one file on this computer. The suggested place is this user&apos;s local data folder. Avoid a OneDrive, Dropbox or Google Drive folder and network shares: several officers at once work better on a shared PostgreSQL roster.</source>
        <translation>База — это один файл на этом компьютере. Предлагаемое место — локальная папка данных пользователя. Избегайте папок OneDrive, Dropbox, Google Drive и сетевых папок: нескольким сотрудникам одновременно лучше работать в общей базе PostgreSQL.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="229"/>
        <source>C&amp;hoose…</source>
        <translation>&amp;Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="242"/>
        <source>New roster</source>
        <translation>Новая база</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="243"/>
        <source>Roster databases (*.db)</source>
        <translation>Базы (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="257"/>
        <source>%1 exists already. Choose another file; an existing roster is opened with File &gt; Open roster.</source>
        <translation>%1 уже существует. Выберите другой файл; существующая база открывается через Файл &gt; Открыть базу.</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <location filename="../../ui/roster_model.py" line="593"/>
        <source>evidence missing: %1</source>
        <translation>не хватает документов: %1</translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="87"/>
        <source>(damaged record: cannot be read)</source>
        <translation>(повреждённая запись: не читается)</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="43"/>
        <source>Send a roster package</source>
        <translation>Отправить пакет списка</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="47"/>
        <source>To these sites&apos; keys:</source>
        <translation>Ключам этих площадок:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="55"/>
        <source>To a passphrase agreed by phone:</source>
        <translation>Паролю, согласованному по телефону:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="58"/>
        <source>Only what changed since the last package to them</source>
        <translation>Только изменения после последнего пакета им</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="61"/>
        <source>The whole roster</source>
        <translation>Весь список</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="62"/>
        <source>One evacuation list</source>
        <translation>Один эвакуационный список</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="63"/>
        <source>Some households</source>
        <translation>Отдельные семьи</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="68"/>
        <source>household references, e.g. H-00012, H-00013</source>
        <translation>номера семей, например H-00012, H-00013</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="72"/>
        <source>Send…</source>
        <translation>Отправить…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="77"/>
        <source>Passphrase:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="78"/>
        <source>Again:</source>
        <translation>Ещё раз:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="85"/>
        <source>Part:</source>
        <translation>Часть:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="86"/>
        <source>List:</source>
        <translation>Список:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="87"/>
        <source>Households:</source>
        <translation>Семьи:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="94"/>
        <source>No other site is known yet: add them in Tools &gt; Sites and keys, or send to a passphrase.</source>
        <translation>Других площадок пока нет: добавьте их в Сервис &gt; Площадки и ключи или отправьте с паролем.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="129"/>
        <source>Save the package as</source>
        <translation>Сохранить пакет как</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="130"/>
        <source>Roster packages (*.mrpkg)</source>
        <translation>Пакеты списка (*.mrpkg)</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="139"/>
        <source>The two passphrases are empty or differ.</source>
        <translation>Пароли пусты или не совпадают.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="143"/>
        <source>Tick at least one site, or send to a passphrase.</source>
        <translation>Отметьте хотя бы одну площадку или отправьте с паролем.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="147"/>
        <source>Choose the list, or type the households&apos; references.</source>
        <translation>Выберите список или введите номера семей.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="165"/>
        <source>Writing the roster package</source>
        <translation>Запись пакета списка</translation>
    </message>
    <message>
        <location filename="../../ui/packages/send_dialog.py" line="168"/>
        <source>{path}: {records} records sent.</source>
        <translation>{path}: отправлено записей: {records}.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="41"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="49"/>
        <source>ISO code, e.g. EGY: phones without + are from there</source>
        <translation>Код ISO, напр. EGY: телефоны без + считаются оттуда</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55"/>
        <source>roster.db in your user data folder</source>
        <translation>roster.db в папке данных пользователя</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="56"/>
        <location filename="../../ui/settings_dialog.py" line="60"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="59"/>
        <source>beside the database</source>
        <translation>рядом с базой</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67"/>
        <source>Your &amp;name (audit trail)</source>
        <translation>Ваше &amp;имя (для журнала)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="68"/>
        <source>&amp;Mission name</source>
        <translation>&amp;Название миссии</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="69"/>
        <source>Host &amp;country</source>
        <translation>&amp;Страна пребывания</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="70"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="71"/>
        <source>&amp;Default database</source>
        <translation>&amp;База по умолчанию</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="72"/>
        <source>&amp;Backup folder</source>
        <translation>Папка &amp;резервных копий</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="73"/>
        <source>A new language applies when the window is opened again.</source>
        <translation>Новый язык будет применён при следующем открытии окна.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="89"/>
        <source>Default database</source>
        <translation>База по умолчанию</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="90"/>
        <source>Roster databases (*.db)</source>
        <translation>Базы списка (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="97"/>
        <source>Backup folder</source>
        <translation>Папка резервных копий</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="106"/>
        <source>your name</source>
        <translation>ваше имя</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="106"/>
        <source>is required: it goes into the audit trail</source>
        <translation>обязательно: оно записывается в журнал изменений</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="109"/>
        <source>Saving the mission&apos;s settings</source>
        <translation>Сохранение настроек миссии</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/accounts/sign_in.py" line="63"/>
        <source>Switch user</source>
        <translation>Смена пользователя</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/sign_in.py" line="63"/>
        <location filename="../../ui/accounts/sign_in.py" line="86"/>
        <source>Sign in</source>
        <translation>Вход</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/sign_in.py" line="66"/>
        <source>This roster has accounts: sign in with yours. What you do is recorded under your name.</source>
        <translation>В этом списке есть учётные записи: войдите под своей. Всё, что вы делаете, записывается под вашим именем.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/sign_in.py" line="76"/>
        <source>&amp;Account:</source>
        <translation>&amp;Учётная запись:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/sign_in.py" line="79"/>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/sign_in.py" line="72"/>
        <source>Reading the accounts…</source>
        <translation>Чтение учётных записей…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/sign_in.py" line="115"/>
        <source>Checking the PIN…</source>
        <translation>Проверка PIN…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/sign_in.py" line="117"/>
        <source>Signing in</source>
        <translation>Вход</translation>
    </message>
</context>
<context>
    <name>SitesDialog</name>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="43"/>
        <source>Sites and keys</source>
        <translation>Площадки и ключи</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="46"/>
        <source>Site</source>
        <translation>Площадка</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="47"/>
        <source>This roster</source>
        <translation>Этот список</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="47"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="48"/>
        <source>Prefix</source>
        <translation>Префикс</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="49"/>
        <source>Key fingerprint</source>
        <translation>Отпечаток ключа</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="60"/>
        <source>This roster&apos;s site</source>
        <translation>Площадка этого списка</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="64"/>
        <source>e.g. CAI</source>
        <translation>напр. CAI</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="65"/>
        <source>Create this site</source>
        <translation>Создать площадку</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="67"/>
        <location filename="../../ui/packages/sites_dialog.py" line="96"/>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="68"/>
        <source>Case-reference prefix:</source>
        <translation>Префикс номеров дел:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="71"/>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="76"/>
        <source>Public key to send to the other missions:</source>
        <translation>Открытый ключ для других миссий:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="80"/>
        <location filename="../../ui/packages/sites_dialog.py" line="193"/>
        <source>New keys for this site…</source>
        <translation>Новые ключи этой площадки…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="87"/>
        <source>Add another mission&apos;s site</source>
        <translation>Добавить площадку другой миссии</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="94"/>
        <source>Add site</source>
        <translation>Добавить площадку</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="97"/>
        <source>Public key:</source>
        <translation>Открытый ключ:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="98"/>
        <source>Fingerprint to confirm by phone:</source>
        <translation>Отпечаток для сверки по телефону:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="101"/>
        <source>Replace the key of the site chosen above</source>
        <translation>Замена ключа площадки, выбранной выше</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="108"/>
        <location filename="../../ui/packages/sites_dialog.py" line="215"/>
        <source>Replace key…</source>
        <translation>Заменить ключ…</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="110"/>
        <source>New public key:</source>
        <translation>Новый открытый ключ:</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="155"/>
        <source>Creating this site</source>
        <translation>Создание этого пункта</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="168"/>
        <source>not a site&apos;s public key</source>
        <translation>это не открытый ключ площадки</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="174"/>
        <source>Adding the site</source>
        <translation>Добавление пункта</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="187"/>
        <source>Give this site new keys</source>
        <translation>Выдать этой площадке новые ключи</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="188"/>
        <source>The next package to each site tells it the new key, signed with the old one; packages already on their way still open. Click again to go ahead.</source>
        <translation>Следующий пакет каждой площадке сообщит новый ключ с подписью старым; уже отправленные пакеты по-прежнему откроются. Нажмите ещё раз, чтобы продолжить.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="196"/>
        <source>Making new keys</source>
        <translation>Создание новых ключей</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="201"/>
        <source>New keys: fingerprint {old} is now {new}.</source>
        <translation>Новые ключи: отпечаток {old} теперь {new}.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="222"/>
        <source>Choose another mission&apos;s site in the table first.</source>
        <translation>Сначала выберите в таблице площадку другого представительства.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="232"/>
        <source>Replace the key of {site}</source>
        <translation>Заменить ключ площадки {site}</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="233"/>
        <source>{site}: fingerprint {old} becomes {new}. Read the new fingerprint out with them by phone, then click again.</source>
        <translation>{site}: отпечаток {old} станет {new}. Сверьте новый отпечаток с ними по телефону, затем нажмите ещё раз.</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="239"/>
        <source>Replacing the key</source>
        <translation>Замена ключа</translation>
    </message>
    <message>
        <location filename="../../ui/packages/sites_dialog.py" line="246"/>
        <source>{site}: fingerprint {old} replaced by {new}.</source>
        <translation>{site}: отпечаток {old} заменён на {new}.</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../ui/person/status_dialog.py" line="52"/>
        <source>Change status — %1</source>
        <translation>Смена статуса — %1</translation>
    </message>
    <message>
        <location filename="../../ui/person/status_dialog.py" line="62"/>
        <source>(no list)</source>
        <translation>(без списка)</translation>
    </message>
    <message>
        <location filename="../../ui/person/status_dialog.py" line="64"/>
        <source>Why (kept in the history)</source>
        <translation>Почему (сохраняется в истории)</translation>
    </message>
    <message>
        <location filename="../../ui/person/status_dialog.py" line="71"/>
        <source>Current status</source>
        <translation>Текущий статус</translation>
    </message>
    <message>
        <location filename="../../ui/person/status_dialog.py" line="72"/>
        <source>New status</source>
        <translation>Новый статус</translation>
    </message>
    <message>
        <location filename="../../ui/person/status_dialog.py" line="73"/>
        <source>Evacuation list</source>
        <translation>Список на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../ui/person/status_dialog.py" line="74"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../ui/person/status_dialog.py" line="129"/>
        <source>Changing the status</source>
        <translation>Смена статуса</translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message>
        <location filename="../../ui/importing/wizard.py" line="169"/>
        <source>Sheet and header row</source>
        <translation>Лист и строка заголовков</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="170"/>
        <source>The header row is found below any title rows; choose another sheet or row if needed.</source>
        <translation>Строка заголовков ищется ниже строк с названием; при необходимости выберите другой лист или строку.</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="180"/>
        <source>Sheet:</source>
        <translation>Лист:</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="182"/>
        <source>Header in row:</source>
        <translation>Заголовки в строке:</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="198"/>
        <source>%1 (hidden)</source>
        <translation>%1 (скрытый)</translation>
    </message>
    <message>
        <location filename="../../ui/importing/wizard.py" line="200"/>
        <source>%1 (empty)</source>
        <translation>%1 (пустой)</translation>
    </message>
</context>
<context>
    <name>TrashAuditPage</name>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="67"/>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="67"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="68"/>
        <source>Deleted</source>
        <translation>Удалён</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="69"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="76"/>
        <source>&amp;Restore selected</source>
        <translation>&amp;Восстановить выбранных</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="88"/>
        <source>Case ref or UUID</source>
        <translation>Номер дела или UUID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="90"/>
        <source>&amp;Show</source>
        <translation>&amp;Показать</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="93"/>
        <source>&amp;More…</source>
        <translation>&amp;Ещё…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="96"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="96"/>
        <location filename="../../ui/pages/trash_audit.py" line="122"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="97"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="98"/>
        <location filename="../../ui/pages/trash_audit.py" line="123"/>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="99"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="113"/>
        <source>&lt;b&gt;Trash&lt;/b&gt; — persons moved to the trash can be restored</source>
        <translation>&lt;b&gt;Корзина&lt;/b&gt; — перемещённых в корзину можно восстановить</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="120"/>
        <source>&lt;b&gt;Audit trail&lt;/b&gt;</source>
        <translation>&lt;b&gt;Журнал изменений&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="122"/>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="123"/>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="161"/>
        <source>anyone</source>
        <translation>любой</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="204"/>
        <source>%1 entries shown</source>
        <translation>Показано записей: %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="217"/>
        <source>Restoring %1</source>
        <translation>Восстановление %1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="233"/>
        <source>Restore stopped</source>
        <translation>Восстановление остановлено</translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="234"/>
        <source>Another roster was opened: %1 of %2 persons were restored to the roster you left; the others are still in its trash.</source>
        <translation>Открыта другая база: в базе, которую вы покинули, восстановлено %1 из %2 человек; остальные по-прежнему в её корзине.</translation>
    </message>
</context>
<context>
    <name>UndoCommands</name>
    <message>
        <location filename="../../ui/undo_commands.py" line="135"/>
        <source>Edit %1</source>
        <translation>правку %1</translation>
    </message>
    <message>
        <location filename="../../ui/undo_commands.py" line="155"/>
        <source>Status of %1</source>
        <translation>смену статуса %1</translation>
    </message>
    <message>
        <location filename="../../ui/undo_commands.py" line="171"/>
        <source>Move %1 to the trash</source>
        <translation>перемещение %1 в корзину</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/first_start.py" line="128"/>
        <source>Welcome to %1</source>
        <translation>Добро пожаловать в %1</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="129"/>
        <source>This assistant sets up the roster of your mission: who you are, where the roster is kept, how it is protected and where its backups go. It takes a few minutes; everything can be changed later in Tools &gt; Settings.</source>
        <translation>Этот помощник настроит базу вашей миссии: кто вы, где хранится база, как она защищена и куда идут резервные копии. Это займёт несколько минут; всё можно изменить позже в Сервис &gt; Настройки.</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="132"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="133"/>
        <source>&amp;Set up my mission&apos;s roster</source>
        <translation>&amp;Настроить базу моей миссии</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="134"/>
        <source>&amp;Explore with a demonstration roster</source>
        <translation>&amp;Посмотреть на демонстрационной базе</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="135"/>
        <source>Invented families, lists and partners, to try every screen. The title bar and every export say DEMONSTRATION while it is open.</source>
        <translation>Вымышленные семьи, списки и партнёры, чтобы опробовать каждый экран. Пока она открыта, в заголовке окна и в каждой выгрузке написано «ДЕМОНСТРАЦИЯ».</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../cli/program.py" line="95"/>
        <source>Upgrading {roster} to this version of Mission Roster, backup at {backup}; a large roster can take several minutes</source>
        <translation>{roster} обновляется до этой версии Mission Roster, резервная копия: {backup}; большая база может обновляться несколько минут</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="99"/>
        <source>Upgrading {roster} to this version of Mission Roster; a large roster can take several minutes</source>
        <translation>{roster} обновляется до этой версии Mission Roster; большая база может обновляться несколько минут</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="141"/>
        <source>{path}: the default roster (Tools &gt; Settings) is missing: moved, renamed, or on a drive that is not connected. Nothing was created; name a roster with --db PATH</source>
        <translation>{path}: основной базы (Сервис &gt; Настройки) нет на месте: она перемещена, переименована или на диске, который не подключён. Ничего не создано; укажите базу через --db ПУТЬ</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="163"/>
        <source>must be written as field=value</source>
        <translation>нужно писать как поле=значение</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="166"/>
        <source>is not a field (fields: {fields})</source>
        <translation>— такого поля нет (поля: {fields})</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="228"/>
        <source>{ref}: saved (version {version})</source>
        <translation>{ref}: сохранено (версия {version})</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="234"/>
        <source>{ref}: moved to the trash</source>
        <translation>{ref}: перемещён(а) в корзину</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="255"/>
        <source>takes no person references or status</source>
        <translation>не принимает номеров дел и статуса</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="257"/>
        <source>status operation {n} undone: {count} persons back</source>
        <translation>операция смены статуса {n} отменена: возвращено человек: {count}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="260"/>
        <source>needs the new STATE (and REF ..., --list NAME or --household REF)</source>
        <translation>нужен новый СТАТУС (и НОМЕР ..., --list СПИСОК или --household СЕМЬЯ)</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="272"/>
        <source>{ref}: {state}</source>
        <translation>{ref}: {state}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="274"/>
        <source>{ref}: already {state}</source>
        <translation>{ref}: уже {state}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="276"/>
        <source>{ref}: not changed: {why}</source>
        <translation>{ref}: не изменён(а): {why}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="278"/>
        <source>{count} changed as operation {n}; undo with `mission-roster status --undo {n}`</source>
        <translation>изменено: {count}, операция {n}; отменить: `mission-roster status --undo {n}`</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="311"/>
        <source>{count} found, first {limit} shown</source>
        <translation>найдено: {count}, показаны первые {limit}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="314"/>
        <source>{count} found</source>
        <translation>найдено: {count}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="331"/>
        <source>{ref}: {count} members</source>
        <translation>{ref}: членов семьи: {count}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="335"/>
        <location filename="../../cli/program.py" line="346"/>
        <source>warning: {ref} {doubt}</source>
        <translation>предупреждение: {ref} {doubt}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="353"/>
        <source>{name}: created</source>
        <translation>{name}: создан</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="364"/>
        <source>{name}: {count} added</source>
        <translation>{name}: добавлено: {count}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="372"/>
        <source>{name}: {count} members are not verified yet and stay registered: {refs}; send with --verify-first to verify and submit them in the same step</source>
        <translation>{name}: ещё не проверены и остаются зарегистрированными (человек: {count}): {refs}; отправьте с --verify-first, чтобы проверить и подать их тем же шагом</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="377"/>
        <source>{name}: sent ({count} persons)</source>
        <translation>{name}: отправлен (человек: {count})</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="386"/>
        <source>{ref} on {name}: {answer} recorded; status {state} ({why})</source>
        <translation>{ref} в списке {name}: ответ «{answer}» записан; статус {state} ({why})</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="389"/>
        <source>{ref} on {name}: {answer} recorded; status {state}</source>
        <translation>{ref} в списке {name}: ответ «{answer}» записан; статус {state}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="396"/>
        <source>{ref}: crossed</source>
        <translation>{ref}: пересёк(ла) границу</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="403"/>
        <source>{name}	{partner}	{state}	{count} persons: {pending} pending, {approved} approved, {rejected} rejected, {crossed} crossed</source>
        <translation>{name}	{partner}	{state}	человек: {count}; ждут ответа: {pending}, одобрено: {approved}, отказано: {rejected}, пересекли границу: {crossed}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="290"/>
        <location filename="../../cli/program.py" line="412"/>
        <location filename="../../cli/program.py" line="414"/>
        <source>warning: {message}</source>
        <translation>предупреждение: {message}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="421"/>
        <location filename="../../cli/program.py" line="430"/>
        <source>{name}: added</source>
        <translation>{name}: добавлен(а)</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="449"/>
        <source>logged #{n}</source>
        <translation>записано в журнал связи, №{n}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="476"/>
        <source>must be at least 1</source>
        <translation>должно быть не меньше 1</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="480"/>
        <source>built {done} of {total} persons</source>
        <translation>создано {done} из {total} человек</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="489"/>
        <source>added {households} households, {persons} persons, {lists} lists, {partners} partners, {entries} log entries</source>
        <translation>добавлено: семей {households}, человек {persons}, списков {lists}, партнёров {partners}, записей журнала {entries}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="500"/>
        <source>persons on the roster: {persons} in {households} households</source>
        <translation>человек в базе: {persons}, семей: {households}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="502"/>
        <source>by status:</source>
        <translation>по статусам:</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="503"/>
        <source>by list:</source>
        <translation>по спискам:</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="504"/>
        <source>by flag:</source>
        <translation>по особым нуждам:</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="508"/>
        <source>approved, not yet crossed: {waiting}; approvals expiring within {days} days: {expiring}; follow-ups due: {due}</source>
        <translation>одобрены, но ещё не пересекли границу: {waiting}; одобрений, истекающих в ближайшие дни ({days}): {expiring}; напоминаний на сегодня: {due}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="526"/>
        <source>roster file damaged: {damage}</source>
        <translation>файл базы повреждён: {damage}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="530"/>
        <source>audit trail intact: {count} entries</source>
        <translation>журнал изменений цел: записей: {count}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="532"/>
        <source>audit trail broken: {problem}</source>
        <translation>журнал изменений нарушен: {problem}</translation>
    </message>
    <message>
        <location filename="../../cli/program.py" line="750"/>
        <source>mission-roster: interrupted</source>
        <translation>mission-roster: прервано</translation>
    </message>
</context>
<context>
    <name>commands.accounts</name>
    <message>
        <location filename="../../cli/commands/accounts.py" line="40"/>
        <source>{path}: the PIN file is empty</source>
        <translation>{path}: файл с PIN пуст</translation>
    </message>
    <message>
        <location filename="../../cli/commands/accounts.py" line="44"/>
        <source>the PIN is needed: give it with {option}</source>
        <translation>нужен PIN: укажите его через {option}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/accounts.py" line="56"/>
        <source>Account {name!r} added: {role}.</source>
        <translation>Учётная запись {name!r} добавлена: {role}.</translation>
    </message>
    <message>
        <location filename="../../cli/commands/accounts.py" line="76"/>
        <source>Account {name!r} is now: {role}.</source>
        <translation>Учётная запись {name!r} теперь: {role}.</translation>
    </message>
    <message>
        <location filename="../../cli/commands/accounts.py" line="83"/>
        <source>Account {name!r} is disabled.</source>
        <translation>Учётная запись {name!r} отключена.</translation>
    </message>
    <message>
        <location filename="../../cli/commands/accounts.py" line="89"/>
        <source>Account {name!r} is enabled.</source>
        <translation>Учётная запись {name!r} включена.</translation>
    </message>
    <message>
        <location filename="../../cli/commands/accounts.py" line="95"/>
        <source>Account {name!r} has a new PIN.</source>
        <translation>У учётной записи {name!r} новый PIN.</translation>
    </message>
    <message>
        <location filename="../../cli/commands/accounts.py" line="102"/>
        <source>Account {name!r}: server login {login}.</source>
        <translation>Учётная запись {name!r}: логин сервера {login}.</translation>
    </message>
</context>
<context>
    <name>commands.crossing</name>
    <message>
        <location filename="../../cli/commands/crossing.py" line="180"/>
        <source>needs CASE_REF or --list NAME</source>
        <translation>нужен CASE_REF или --list NAME</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="186"/>
        <source>{list}: {count} members lack evidence, {waiting} without an override</source>
        <translation>{list}: не хватает документов у {count}, без исключения: {waiting}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="46"/>
        <source>{ref}: check-in of {at} undone</source>
        <translation>{ref}: регистрация в {at} отменена</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="49"/>
        <source>{ref}: status back to {status}</source>
        <translation>{ref}: статус возвращён: {status}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="63"/>
        <source>{list}: expected {expected}, checked in {checked_in}, missing {missing}</source>
        <translation>{list}: ожидается {expected}, прошли {checked_in}, нет {missing}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="68"/>
        <source>(no household)</source>
        <translation>(без семьи)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="97"/>
        <source>{path}: boarding list of {persons} persons</source>
        <translation>{path}: посадочный список, человек: {persons}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="106"/>
        <source>is needed: whom to notify</source>
        <translation>нужен: кого оповестить</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="133"/>
        <source>{count} persons, {missing} not reached yet</source>
        <translation>человек: {count}, ещё не дозвонились: {missing}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="136"/>
        <source>{path}: {kind} written</source>
        <translation>{path}: записано ({kind})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="145"/>
        <source>{ref}: {outcome} at {at}</source>
        <translation>{ref}: {outcome} в {at}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="158"/>
        <source>needs NAME and --language</source>
        <translation>нужны NAME и --language</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="169"/>
        <source>needs --text or --file</source>
        <translation>нужен --text или --file</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="171"/>
        <source>template {name} ({language}) saved</source>
        <translation>шаблон {name} ({language}) сохранён</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="210"/>
        <source>{ref}: may be submitted on {list} without {missing}</source>
        <translation>{ref}: может быть подан(а) в списке {list} без: {missing}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/crossing.py" line="218"/>
        <source>{ref}: confirmed on {day}</source>
        <translation>{ref}: подтверждено {day}</translation>
    </message>
</context>
<context>
    <name>commands.exporting</name>
    <message>
        <location filename="../../cli/commands/exporting.py" line="76"/>
        <source>must end in .xlsx (a workbook), .csv (a table for a partner&apos;s system) or .pdf (a printed manifest)</source>
        <translation>должен оканчиваться на .xlsx (книга), .csv (таблица для системы партнёра) или .pdf (манифест для печати)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/exporting.py" line="56"/>
        <source>must end in .{format} for --format {format}</source>
        <translation>должен оканчиваться на .{format} при --format {format}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/exporting.py" line="71"/>
        <source>cannot protect a CSV file; export an .xlsx with a password</source>
        <translation>не может защитить файл CSV; экспортируйте .xlsx с паролем</translation>
    </message>
    <message>
        <location filename="../../cli/commands/exporting.py" line="89"/>
        <source>{path}: {rows} rows, {persons} persons, profile {profile} for {partner}</source>
        <translation>{path}: строк: {rows}, человек: {persons}, профиль {profile}, для {partner}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/exporting.py" line="92"/>
        <source>{path}: {rows} rows, {persons} persons, profile {profile}</source>
        <translation>{path}: строк: {rows}, человек: {persons}, профиль {profile}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/exporting.py" line="95"/>
        <source>{wrote}, encrypted</source>
        <translation>{wrote}, зашифрован</translation>
    </message>
    <message>
        <location filename="../../cli/commands/exporting.py" line="100"/>
        <source>note: {count} of them have not consented to sharing their data</source>
        <translation>примечание: не дали согласия на передачу своих данных: {count}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/exporting.py" line="128"/>
        <source>cannot read the profile ({why})</source>
        <translation>не удаётся прочитать профиль ({why})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/exporting.py" line="135"/>
        <source>{name}: saved ({count} columns)</source>
        <translation>{name}: сохранён (столбцов: {count})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/exporting.py" line="142"/>
        <source>{name}: deleted</source>
        <translation>{name}: удалён</translation>
    </message>
</context>
<context>
    <name>commands.importing</name>
    <message>
        <location filename="../../cli/commands/importing.py" line="80"/>
        <source>needs a FILE (or --undo IMPORT_ID)</source>
        <translation>нужен ФАЙЛ (или --undo IMPORT_ID)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="127"/>
        <source>{source}, sheet &apos;{sheet}&apos;, header in row {row}, profile &apos;{profile}&apos;</source>
        <translation>{source}, лист «{sheet}», заголовок в строке {row}, профиль «{profile}»</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="131"/>
        <source>{source}, sheet &apos;{sheet}&apos;, header in row {row}</source>
        <translation>{source}, лист «{sheet}», заголовок в строке {row}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="136"/>
        <source>  note: {warning}</source>
        <translation>  примечание: {warning}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="139"/>
        <source>row {row}: {outcome}: {details}</source>
        <translation>строка {row}: {outcome}: {details}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="143"/>
        <source>warning: {problem}</source>
        <translation>предупреждение: {problem}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="148"/>
        <source>would import {rows} rows: {new} new, {updated} updated, {unchanged} unchanged, {duplicates} possible duplicates</source>
        <translation>будет загружено строк: {rows}; новых: {new}, обновлений: {updated}, без изменений: {unchanged}, возможных дубликатов: {duplicates}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="152"/>
        <source>import #{n}: {rows} rows: {new} new, {updated} updated, {unchanged} unchanged, {duplicates} possible duplicates</source>
        <translation>загрузка №{n}: строк: {rows}; новых: {new}, обновлений: {updated}, без изменений: {unchanged}, возможных дубликатов: {duplicates}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="155"/>
        <source>created as new</source>
        <translation>созданы как новые</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="156"/>
        <source>left out (--accept-duplicates to create them)</source>
        <translation>пропущены (--accept-duplicates, чтобы создать их)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="158"/>
        <source>{rejected} rejected (saved to {path})</source>
        <translation>отклонено: {rejected} (сохранены в {path})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="161"/>
        <source>{rejected} rejected</source>
        <translation>отклонено: {rejected}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="163"/>
        <source>{counted} {left}, {rejected}</source>
        <translation>{counted} — {left}; {rejected}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="169"/>
        <source>import #{n} undone: {deleted} persons removed, {trashed} moved to the trash (changed since), {restored} restored</source>
        <translation>загрузка №{n} отменена: удалено человек: {deleted}, перемещено в корзину (изменены после загрузки): {trashed}, восстановлено: {restored}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/importing.py" line="173"/>
        <source>conflict: {ref}: {message}</source>
        <translation>конфликт: {ref}: {message}</translation>
    </message>
</context>
<context>
    <name>commands.packages</name>
    <message>
        <location filename="../../cli/commands/packages.py" line="40"/>
        <source>{path}: the password file is empty</source>
        <translation>{path}: файл пароля пуст</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="50"/>
        <source>this roster is site {name}; new case references start with MR-{prefix}-; fingerprint {fingerprint}; public key:</source>
        <translation>этот список — площадка {name}; новые номера дел начинаются с MR-{prefix}-; отпечаток {fingerprint}; открытый ключ:</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="59"/>
        <source>added site {name}, fingerprint {fingerprint}</source>
        <translation>добавлена площадка {name}, отпечаток {fingerprint}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="76"/>
        <source>new keys for site {name}: fingerprint {old} is now {new}; the next package to each site tells it, signed by the old key; public key:</source>
        <translation>новые ключи площадки {name}: отпечаток {old} теперь {new}; следующий пакет каждой площадке сообщит об этом с подписью старым ключом; открытый ключ:</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="85"/>
        <source>replaced the key of site {name}: fingerprint {old} is now {new}</source>
        <translation>ключ площадки {name} заменён: отпечаток {old} теперь {new}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="98"/>
        <source>{path}: {records} records ({counts})</source>
        <translation>{path}: записей: {records} ({counts})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="104"/>
        <source>package {number} from {site} (fingerprint {fingerprint}): {created} new, {updated} updated, {unchanged} unchanged persons, {conflicts} conflicts, {duplicates} possible duplicates</source>
        <translation>пакет {number} от {site} (отпечаток {fingerprint}): лиц новых {created}, изменённых {updated}, без изменений {unchanged}; конфликтов {conflicts}; возможных дубликатов {duplicates}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="116"/>
        <source>dry run: nothing was changed</source>
        <translation>пробный прогон: ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="118"/>
        <source>undo with: package undo {number}</source>
        <translation>отмена: package undo {number}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="125"/>
        <source>warning: package(s) {numbers} from {site} were never imported here; ask {site} for a package without --since-last</source>
        <translation>предупреждение: пакеты {numbers} от {site} здесь не принимались; попросите у {site} пакет без --since-last</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="149"/>
        <source>{person}: {field} resolved ({choice})</source>
        <translation>{person}: {field} решено ({choice})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/packages.py" line="156"/>
        <source>package import #{number} undone ({count} records put back)</source>
        <translation>приём пакета № {number} отменён (восстановлено записей: {count})</translation>
    </message>
</context>
<context>
    <name>commands.protection</name>
    <message>
        <location filename="../../cli/commands/protection.py" line="40"/>
        <source>{path}: the passphrase file is empty</source>
        <translation>{path}: файл с паролем пуст</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="42"/>
        <source>{path}: the passphrase file has more than one line; put the passphrase alone on one line (the window&apos;s passphrase field takes one line)</source>
        <translation>{path}: в файле с паролем больше одной строки; запишите пароль один в одну строку (поле пароля в окне принимает одну строку)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="58"/>
        <source>encryption, backups and restore apply to a roster file, not a server database</source>
        <translation>шифрование, резервные копии и восстановление относятся к файлу базы, а не к базе на сервере</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="68"/>
        <source>the new passphrase is needed: give it with {option} or the environment variable {variable}</source>
        <translation>нужен новый пароль: укажите его через {option} или переменную окружения {variable}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="71"/>
        <source>the passphrase is needed: give it with {option} or the environment variable {variable}</source>
        <translation>нужен пароль: укажите его через {option} или переменную окружения {variable}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="87"/>
        <source>{path}: encrypted ({rows} rows in {tables} tables checked); keep the passphrase safe: without it the roster cannot be opened</source>
        <translation>{path}: зашифрована (проверено строк: {rows}, таблиц: {tables}); храните пароль надёжно: без него базу не открыть</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="97"/>
        <source>removed: {path}</source>
        <translation>удалена: {path}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="98"/>
        <source>encrypted: {path}</source>
        <translation>зашифрована: {path}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="100"/>
        <source>{count} plain copies of the roster are still readable by anyone who gets them:</source>
        <translation>незашифрованные копии базы (их может прочитать любой, к кому они попадут): {count}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="104"/>
        <source>encrypt them with `encrypt --encrypt-plain-copies`, or remove them with `encrypt --remove-plain-copies`</source>
        <translation>зашифруйте их командой `encrypt --encrypt-plain-copies` или удалите командой `encrypt --remove-plain-copies`</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="115"/>
        <source>{path}: passphrase changed. Backups taken before keep the old passphrase.</source>
        <translation>{path}: пароль изменён. Резервные копии, сделанные раньше, открываются старым паролем.</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="130"/>
        <source>backup written and checked: {backup}</source>
        <translation>резервная копия записана и проверена: {backup}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="138"/>
        <source>{count} backups</source>
        <translation>резервных копий: {count}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="148"/>
        <source>restored {backup}</source>
        <translation>восстановлено: {backup}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="149"/>
        <source>the roster as it was before is saved as {path}</source>
        <translation>база в прежнем виде сохранена как {path}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="159"/>
        <source>{count} persons in {states} unchanged for {days} days would be deleted</source>
        <translation>будут удалены люди в статусах {states} без изменений дней: {days} (человек: {count})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="161"/>
        <source>{count} persons in {states} unchanged for {days} days would be anonymised</source>
        <translation>будут обезличены люди в статусах {states} без изменений дней: {days} (человек: {count})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="164"/>
        <source>nothing done: add --yes --confirm-count {count} to do it (an encrypted archive is written first)</source>
        <translation>ничего не сделано: добавьте --yes --confirm-count {count}, чтобы выполнить (сначала пишется зашифрованный архив)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="169"/>
        <source>is needed: --archive-passphrase-file FILE or --passphrase-file FILE (the archive is always encrypted)</source>
        <translation>нужен: --archive-passphrase-file ФАЙЛ или --passphrase-file ФАЙЛ (архив всегда шифруется)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="175"/>
        <source>{count} persons deleted; encrypted archive: {path} ({archived} persons)</source>
        <translation>удалено человек: {count}; зашифрованный архив: {path} (человек: {archived})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/protection.py" line="177"/>
        <source>{count} persons anonymised; encrypted archive: {path} ({archived} persons)</source>
        <translation>обезличено человек: {count}; зашифрованный архив: {path} (человек: {archived})</translation>
    </message>
</context>
<context>
    <name>commands.reconcile</name>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="106"/>
        <source>takes no answer file</source>
        <translation>не принимает файл ответа</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="108"/>
        <source>operation {n} undone: {restored} answers restored, {statuses} statuses returned</source>
        <translation>операция {n} отменена: восстановлено ответов: {restored}, возвращено статусов: {statuses}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="114"/>
        <source>needs the answer file (or --undo OPERATION_ID)</source>
        <translation>нужен файл ответа (или --undo OPERATION_ID)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="117"/>
        <source>needs --list NAME: answers are recorded per evacuation list</source>
        <translation>нужен --list НАЗВАНИЕ: ответы вносятся по списку на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="128"/>
        <source>warning: {message}</source>
        <translation>предупреждение: {message}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="136"/>
        <source>report written to {path}</source>
        <translation>отчёт записан в {path}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="141"/>
        <source>nothing applied ({count} rows left out)</source>
        <translation>ничего не применено (пропущено строк: {count})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="144"/>
        <source>applied as operation {n}: {approved} approved, {rejected} rejected, {statuses} statuses changed; undo with `mission-roster reconcile --undo {n}`</source>
        <translation>применено как операция {n}: одобрено: {approved}, отказано: {rejected}, изменено статусов: {statuses}; отменить: `mission-roster reconcile --undo {n}`</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="149"/>
        <source>{count} rows need review and were not applied: confirm them in the window (Lists &gt; Reconcile partner answer…)</source>
        <translation>строки требуют проверки и не применены ({count}): подтвердите их в окне (Списки на эвакуацию &gt; Сверить ответ…)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="153"/>
        <source>row {row} not applied: {reason}</source>
        <translation>строка {row} не применена: {reason}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="156"/>
        <source>row {row}: {reason}</source>
        <translation>строка {row}: {reason}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="179"/>
        <source>{a} and {b} marked as different persons</source>
        <translation>{a} и {b} отмечены как разные люди</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="192"/>
        <source>{count} possible duplicates</source>
        <translation>возможных дубликатов: {count}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="201"/>
        <source>takes no person references</source>
        <translation>не принимает номеров дел</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="208"/>
        <source>merge {n} undone: {ref} is a record of its own again ({state})</source>
        <translation>объединение {n} отменено: {ref} снова отдельная запись ({state})</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="205"/>
        <source>merge {n} undone: {count} records ({refs}) are records of their own again</source>
        <translation>объединение {n} отменено: записи ({count}: {refs}) снова отдельные</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="213"/>
        <source>needs KEEP_REF OTHER_REF (or --undo OPERATION_ID)</source>
        <translation>нужны KEEP_REF OTHER_REF (или --undo OPERATION_ID)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="223"/>
        <source>{other} merged into {keep} (operation {n}); undo with `mission-roster merge --undo {n}`</source>
        <translation>{other} объединён(а) с {keep} (операция {n}); отменить: `mission-roster merge --undo {n}`</translation>
    </message>
    <message>
        <location filename="../../cli/commands/reconcile.py" line="227"/>
        <source>{count} records ({others}) merged into {keep} in one act (operation {n}); undo all of them with `mission-roster merge --undo {n}`</source>
        <translation>Записи ({count}: {others}) объединены в {keep} за один раз (операция {n}); отменить все: `mission-roster merge --undo {n}`</translation>
    </message>
</context>
<context>
    <name>commands.recovery</name>
    <message>
        <location filename="../../cli/commands/recovery.py" line="39"/>
        <source>{out}: the key file, the sheet and the roster&apos;s recovery file ({made}) must be different files; nothing was made</source>
        <translation>{out}: файл ключа, лист для печати и файл восстановления базы ({made}) должны быть разными файлами; ничего не создано</translation>
    </message>
    <message>
        <location filename="../../cli/commands/recovery.py" line="53"/>
        <source>{path}: recovery key written to {out}; print it, keep it in the safe, and delete the file (a key made before no longer works)</source>
        <translation>{path}: ключ восстановления записан в {out}; распечатайте его, положите в сейф и удалите файл (прежний ключ больше не действует)</translation>
    </message>
    <message>
        <location filename="../../cli/commands/recovery.py" line="64"/>
        <source>{path}: opened with the recovery key and given the new passphrase; the recovery key still works</source>
        <translation>{path}: открыта ключом восстановления, задана новая парольная фраза; ключ восстановления по-прежнему действует</translation>
    </message>
</context>
<context>
    <name>commands.server</name>
    <message>
        <location filename="../../cli/commands/server.py" line="36"/>
        <source>move-to-server copies a roster file: name it with --db FILE</source>
        <translation>move-to-server копирует файл базы: укажите его с --db ФАЙЛ</translation>
    </message>
    <message>
        <location filename="../../cli/commands/server.py" line="51"/>
        <source>{server}: PostgreSQL {version}; the database is empty and ready for the roster</source>
        <translation>{server}: PostgreSQL {version}; база данных пуста и готова принять базу</translation>
    </message>
    <message>
        <location filename="../../cli/commands/server.py" line="65"/>
        <source>copied {done} of {total} rows</source>
        <translation>скопировано строк: {done} из {total}</translation>
    </message>
    <message>
        <location filename="../../cli/commands/server.py" line="75"/>
        <source>{path}: moved to {server}: {persons} persons, {rows} rows in {tables} tables; the audit trail ({entries} entries) verifies on the server. The file was not changed.</source>
        <translation>{path}: перенесено в {server}: лиц — {persons}, строк — {rows} в таблицах: {tables}; журнал аудита (записей: {entries}) на сервере проверен. Файл не изменён.</translation>
    </message>
    <message>
        <location filename="../../cli/commands/server.py" line="80"/>
        <source>Work on it with: mission-roster --db {server} (or make it the default roster in Tools &gt; Settings)</source>
        <translation>Работайте с ней так: mission-roster --db {server} (или сделайте её базой по умолчанию в Сервис &gt; Настройки)</translation>
    </message>
</context>
<context>
    <name>commands.workspace</name>
    <message>
        <location filename="../../cli/commands/workspace.py" line="18"/>
        <source>{ref}: {old} -&gt; {new} (undone)</source>
        <translation>{ref}: {old} -&gt; {new} (отменено)</translation>
    </message>
</context>
<context>
    <name>domain.audit</name>
    <message>
        <location filename="../../domain/reasons.py" line="136"/>
        <source>answer</source>
        <translation>ответ</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="137"/>
        <source>create</source>
        <translation>создание</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="138"/>
        <source>update</source>
        <translation>изменение</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="139"/>
        <source>delete</source>
        <translation>удаление</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="140"/>
        <source>restore</source>
        <translation>восстановление</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="141"/>
        <source>move to a server</source>
        <translation>перенос на сервер</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="142"/>
        <source>status</source>
        <translation>статус</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="143"/>
        <source>undo</source>
        <translation>отмена</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="144"/>
        <source>merge</source>
        <translation>объединение</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="145"/>
        <source>not a duplicate</source>
        <translation>не дубликат</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="146"/>
        <source>duplicate mark removed</source>
        <translation>снята отметка «не дубликат»</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="147"/>
        <source>reconcile</source>
        <translation>сверка</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="148"/>
        <source>export</source>
        <translation>экспорт</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="149"/>
        <source>import</source>
        <translation>импорт</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="150"/>
        <source>redact</source>
        <translation>вымарывание</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="151"/>
        <source>backup</source>
        <translation>резервная копия</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="152"/>
        <source>encrypt</source>
        <translation>шифрование</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="153"/>
        <source>anonymise</source>
        <translation>обезличивание</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="154"/>
        <source>retention</source>
        <translation>хранение данных</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="155"/>
        <source>person</source>
        <translation>человек</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="156"/>
        <source>household</source>
        <translation>семья</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="157"/>
        <source>list</source>
        <translation>список</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="158"/>
        <source>contact</source>
        <translation>контакт</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="159"/>
        <source>liaison</source>
        <translation>журнал связи</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="160"/>
        <source>organization</source>
        <translation>организация</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="161"/>
        <source>operation</source>
        <translation>операция</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="162"/>
        <source>setting</source>
        <translation>настройка</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="163"/>
        <source>export profile</source>
        <translation>профиль экспорта</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="164"/>
        <source>mapping profile</source>
        <translation>профиль сопоставления</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="165"/>
        <source>reconcile report</source>
        <translation>отчёт сверки</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="166"/>
        <source>persons of an export</source>
        <translation>люди выгрузки</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="167"/>
        <source>roster</source>
        <translation>база</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="168"/>
        <source>undo of an import</source>
        <translation>отмена загрузки</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="169"/>
        <source>account</source>
        <translation>учётная запись</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="170"/>
        <source>permission</source>
        <translation>право</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="171"/>
        <source>refused</source>
        <translation>отказ</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="172"/>
        <source>sign-in</source>
        <translation>вход</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="173"/>
        <source>sign-in refused</source>
        <translation>отказ во входе</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="184"/>
        <source>created {ref}</source>
        <translation>создана запись {ref}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="185"/>
        <source>edited {ref}: {fields}</source>
        <translation>изменена запись {ref}: {fields}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="186"/>
        <source>moved {ref} to the trash</source>
        <translation>{ref} перемещён(а) в корзину</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="187"/>
        <source>restored {ref} from the trash</source>
        <translation>{ref} восстановлен(а) из корзины</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="188"/>
        <source>{ref}: {old} -&gt; {new}</source>
        <translation>{ref}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="189"/>
        <source>{n} persons -&gt; {new}</source>
        <translation>человек: {n} → {new}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="190"/>
        <source>{ref}: crossing date</source>
        <translation>{ref}: дата перехода границы</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="192"/>
        <source>{ref} on {list}: {answer}</source>
        <translation>{ref} в списке {list}: {answer}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="194"/>
        <source>{ref} joined household {household}</source>
        <translation>{ref} включён(а) в семью {household}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="196"/>
        <source>{ref} left household {household}</source>
        <translation>{ref} исключён(а) из семьи {household}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="197"/>
        <source>created household {household}</source>
        <translation>создана семья {household}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="198"/>
        <source>created list {list}</source>
        <translation>создан список {list}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="199"/>
        <source>list {list} sent</source>
        <translation>список {list} отправлен</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="200"/>
        <source>list {list}: {old} -&gt; {new}</source>
        <translation>список {list}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="202"/>
        <source>added {n} persons to list {list}</source>
        <translation>в список {list} добавлено человек: {n}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="204"/>
        <source>removed {n} persons from list {list}</source>
        <translation>из списка {list} исключено человек: {n}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="206"/>
        <source>merged {other} into {keep} (operation {n})</source>
        <translation>{other} объединён(а) с {keep} (операция {n})</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="208"/>
        <source>undid the merge of {other} into {keep} (operation {n})</source>
        <translation>отменено объединение {other} с {keep} (операция {n})</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="210"/>
        <location filename="../../services/duplicates/merging.py" line="528"/>
        <source>{a} and {b} marked as different persons</source>
        <translation>{a} и {b} отмечены как разные люди</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="212"/>
        <source>undid status operation {n}: {count} persons back</source>
        <translation>отменена смена статуса {n}: возвращено человек: {count}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="214"/>
        <source>{n} persons -&gt; {new} (operation {op})</source>
        <translation>человек: {n} -&gt; {new} (операция {op})</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="215"/>
        <source>{ref}: {old} -&gt; {new} ({why})</source>
        <translation>{ref}: {old} -&gt; {new} ({why})</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="217"/>
        <source>moved {ref} to the trash: {why}</source>
        <translation>{ref} перемещён(а) в корзину: {why}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="218"/>
        <source>added partner {name}</source>
        <translation>добавлен партнёр {name}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="219"/>
        <source>logged a contact</source>
        <translation>записан контакт</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="220"/>
        <source>logged a contact ({channel})</source>
        <translation>записан контакт ({channel})</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="221"/>
        <source>follow-up done</source>
        <translation>напоминание выполнено</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="222"/>
        <source>changed a partner contact</source>
        <translation>изменён контакт партнёра</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="223"/>
        <source>{key} changed</source>
        <translation>изменено: {key}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="225"/>
        <source>backup ({why}) of {n} persons to {folder}</source>
        <translation>резервная копия ({why}), человек: {n}, в {folder}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="227"/>
        <source>exported {n} persons to an internal file ({what})</source>
        <translation>выгружено человек: {n}, во внутренний файл ({what})</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="229"/>
        <source>exported {n} persons to {partner} ({what})</source>
        <translation>выгружено человек: {n}, для {partner} ({what})</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="231"/>
        <source>persons {first}-{last} of export entry {entry}</source>
        <translation>люди с {first} по {last} выгрузки из записи {entry}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="234"/>
        <source>import #{n} of {file} ({sheet}): {created} created, {updated} updated, {rejected} rejected</source>
        <translation>загрузка №{n} из {file} ({sheet}): создано {created}, обновлено {updated}, отклонено {rejected}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="238"/>
        <source>undid import #{n} of {file}: {removed} removed, {trashed} to the trash, {restored} restored, {conflicts} conflicts</source>
        <translation>отменена загрузка №{n} из {file}: удалено {removed}, в корзину {trashed}, восстановлено {restored}, конфликтов {conflicts}</translation>
    </message>
</context>
<context>
    <name>domain.countries</name>
    <message>
        <location filename="../../domain/countries.py" line="31"/>
        <source>is empty</source>
        <translation>не заполнено</translation>
    </message>
    <message>
        <location filename="../../domain/countries.py" line="47"/>
        <source>is not a country (use an ISO code such as RUS, PSE, EGY)</source>
        <translation>не является страной (укажите код ISO, например RUS, PSE, EGY)</translation>
    </message>
</context>
<context>
    <name>domain.dates</name>
    <message>
        <location filename="../../domain/dates.py" line="42"/>
        <source>is not a date (expected YYYY-MM-DD or a year)</source>
        <translation>не является датой (ожидается ГГГГ-ММ-ДД или год)</translation>
    </message>
    <message>
        <location filename="../../domain/dates.py" line="47"/>
        <source>is not a real date ({problem})</source>
        <translation>такой даты не существует ({problem})</translation>
    </message>
    <message>
        <location filename="../../domain/dates.py" line="95"/>
        <source>needs a full date (YYYY-MM-DD)</source>
        <translation>нужна полная дата (ГГГГ-ММ-ДД)</translation>
    </message>
</context>
<context>
    <name>domain.eligibility</name>
    <message>
        <location filename="../../domain/eligibility.py" line="63"/>
        <location filename="../../domain/eligibility.py" line="76"/>
        <source>is not one of {known}</source>
        <translation>не из списка: {known}</translation>
    </message>
</context>
<context>
    <name>domain.errors</name>
    <message>
        <location filename="../../domain/errors.py" line="158"/>
        <source>operation</source>
        <translation>операция</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="159"/>
        <source>message template</source>
        <translation>шаблон сообщения</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="49"/>
        <source>{field}: {reason}</source>
        <translation>{field}: {reason}</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="52"/>
        <source>{field}: {value!r} {reason}</source>
        <translation>{field}: {value!r} — {reason}</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="63"/>
        <source>Status cannot change from &apos;{current}&apos; to &apos;{requested}&apos;. From &apos;{current}&apos; allowed: {allowed}.</source>
        <translation>Статус нельзя сменить с «{current}» на «{requested}». Из «{current}» можно перейти в: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="66"/>
        <source>none (final state)</source>
        <translation>никуда (статус окончательный)</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="77"/>
        <source>No {what} {key!r} on this roster.</source>
        <translation>В этой базе не найдено: {what} {key!r}.</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="93"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Отменено; ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="127"/>
        <source>sheet &apos;{sheet}&apos;</source>
        <translation>лист «{sheet}»</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="128"/>
        <source>row {row}</source>
        <translation>строка {row}</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="129"/>
        <source>column {column}</source>
        <translation>столбец {column}</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="133"/>
        <source>{where}: {message}</source>
        <translation>{where}: {message}</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="144"/>
        <source>person</source>
        <translation>человек</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="145"/>
        <source>evacuation list</source>
        <translation>список на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="146"/>
        <source>household</source>
        <translation>семья</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="147"/>
        <source>contact</source>
        <translation>контакт</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="148"/>
        <source>document</source>
        <translation>документ</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="149"/>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="150"/>
        <source>organization</source>
        <translation>организация</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="151"/>
        <source>partner organization</source>
        <translation>организация-партнёр</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="152"/>
        <source>import</source>
        <translation>импорт</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="153"/>
        <source>list member</source>
        <translation>участник списка</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="154"/>
        <source>mapping profile</source>
        <translation>профиль сопоставления</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="155"/>
        <source>merge operation</source>
        <translation>операция объединения</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="156"/>
        <source>reconcile operation</source>
        <translation>операция сверки</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="157"/>
        <source>status operation</source>
        <translation>операция смены статуса</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="160"/>
        <source>account</source>
        <translation>учётная запись</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="161"/>
        <source>saved export profile</source>
        <translation>сохранённый профиль экспорта</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="162"/>
        <source>liaison entry</source>
        <translation>запись журнала связи</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="163"/>
        <source>household with members</source>
        <translation>семья с участниками</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="164"/>
        <source>person of merge operation</source>
        <translation>человек из операции объединения</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="165"/>
        <source>&apos;not a duplicate&apos; mark for persons</source>
        <translation>отметка «не дубликат» для людей</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="166"/>
        <source>partner organization (add it under Partners first)</source>
        <translation>организация-партнёр (сначала добавьте её в разделе «Партнёры»)</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="170"/>
        <source>member of list {name!r}</source>
        <translation>участник списка {name!r}</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="171"/>
        <source>export profile (known: {known})</source>
        <translation>профиль экспорта (известны: {known})</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="172"/>
        <source>contact at {organization}</source>
        <translation>контакт в {organization}</translation>
    </message>
</context>
<context>
    <name>domain.export_profile</name>
    <message>
        <location filename="../../domain/export_profile.py" line="159"/>
        <location filename="../../domain/export_profile.py" line="209"/>
        <source>is empty</source>
        <translation>не заполнено</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="167"/>
        <source>starts or ends with an apostrophe, which Excel forbids</source>
        <translation>начинается или заканчивается апострофом, а Excel этого не допускает</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="226"/>
        <source>are empty: a profile needs at least one column</source>
        <translation>не заданы: в профиле нужен хотя бы один столбец</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="235"/>
        <source>appears twice</source>
        <translation>встречается дважды</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="238"/>
        <source>has an empty header label</source>
        <translation>без заголовка</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="285"/>
        <source>must be a JSON object</source>
        <translation>должен быть объектом JSON</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="288"/>
        <location filename="../../domain/export_profile.py" line="338"/>
        <source>is missing</source>
        <translation>отсутствует</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="291"/>
        <source>must be a positive whole number</source>
        <translation>должно быть целым положительным числом</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="298"/>
        <source>are not profile settings</source>
        <translation>не являются настройками профиля</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="303"/>
        <source>must be a list of {{key, label}} objects</source>
        <translation>должно быть списком объектов {{key, label}}</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="351"/>
        <source>must be an object with a &apos;key&apos;</source>
        <translation>должно быть объектом с полем &apos;key&apos;</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="358"/>
        <source>has a header label that is not text</source>
        <translation>заголовок не является текстом</translation>
    </message>
    <message>
        <location filename="../../domain/export_profile.py" line="364"/>
        <source>must be text</source>
        <translation>должно быть текстом</translation>
    </message>
</context>
<context>
    <name>domain.fields</name>
    <message>
        <location filename="../../domain/errors.py" line="174"/>
        <source>person</source>
        <translation>человек</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="175"/>
        <source>status</source>
        <translation>статус</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="176"/>
        <source>status change</source>
        <translation>смена статуса</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="177"/>
        <source>crossing</source>
        <translation>переход границы</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="178"/>
        <source>list</source>
        <translation>список</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="179"/>
        <source>list name</source>
        <translation>название списка</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="180"/>
        <source>list state</source>
        <translation>состояние списка</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="181"/>
        <source>evacuation list</source>
        <translation>список на эвакуацию</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="182"/>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="183"/>
        <source>surname</source>
        <translation>фамилия</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="184"/>
        <source>given_names</source>
        <translation>имя</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="185"/>
        <source>patronymic</source>
        <translation>отчество</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="186"/>
        <source>surname_latin</source>
        <translation>фамилия латиницей</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="187"/>
        <source>given_names_latin</source>
        <translation>имя латиницей</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="188"/>
        <source>birth_date</source>
        <translation>дата рождения</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="189"/>
        <source>sex</source>
        <translation>пол</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="190"/>
        <source>citizenship</source>
        <translation>гражданство</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="191"/>
        <source>citizenships</source>
        <translation>гражданство</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="192"/>
        <source>case_ref</source>
        <translation>номер дела</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="193"/>
        <source>document type</source>
        <translation>тип документа</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="194"/>
        <source>document number</source>
        <translation>номер документа</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="195"/>
        <source>expiry date</source>
        <translation>срок действия</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="196"/>
        <source>relationship</source>
        <translation>родство</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="197"/>
        <source>merge</source>
        <translation>объединение</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="198"/>
        <source>merge field</source>
        <translation>поле объединения</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="199"/>
        <source>import</source>
        <translation>импорт</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="200"/>
        <source>file</source>
        <translation>файл</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="201"/>
        <source>mapping</source>
        <translation>сопоставление столбцов</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="202"/>
        <source>columns</source>
        <translation>столбцы</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="203"/>
        <source>column mapping</source>
        <translation>сопоставление столбцов</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="204"/>
        <source>profile</source>
        <translation>профиль</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="205"/>
        <source>profile name</source>
        <translation>название профиля</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="206"/>
        <source>organization name</source>
        <translation>название организации</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="207"/>
        <source>contact name</source>
        <translation>имя контакта</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="208"/>
        <source>summary</source>
        <translation>краткое содержание</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="209"/>
        <source>operation</source>
        <translation>операция</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="210"/>
        <source>reconcile</source>
        <translation>сверка</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="211"/>
        <source>review decision</source>
        <translation>решение по проверке</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="212"/>
        <source>pair</source>
        <translation>пара</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="213"/>
        <source>name</source>
        <translation>название</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="214"/>
        <source>archive passphrase</source>
        <translation>пароль архива</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="215"/>
        <source>language</source>
        <translation>язык</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="216"/>
        <source>date_format</source>
        <translation>формат даты</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="217"/>
        <source>state</source>
        <translation>состояние</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="218"/>
        <source>older than</source>
        <translation>старше</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="219"/>
        <source>report</source>
        <translation>отчёт</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="220"/>
        <source>reject report</source>
        <translation>отчёт об отклонённых строках</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="221"/>
        <source>manifest</source>
        <translation>манифест</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="222"/>
        <source>paper</source>
        <translation>формат бумаги</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="223"/>
        <source>grouping</source>
        <translation>группировка</translation>
    </message>
    <message>
        <location filename="../../domain/errors.py" line="224"/>
        <source>field</source>
        <translation>поле</translation>
    </message>
</context>
<context>
    <name>domain.labels</name>
    <message>
        <location filename="../../domain/messages.py" line="149"/>
        <source>registered</source>
        <translation>зарегистрирован</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="150"/>
        <source>verified</source>
        <translation>проверен</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="151"/>
        <source>submitted</source>
        <translation>подан в списке</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="152"/>
        <source>approved</source>
        <translation>одобрен</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="153"/>
        <source>crossed</source>
        <translation>пересёк границу</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="154"/>
        <source>evacuated</source>
        <translation>эвакуирован</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="155"/>
        <source>on_hold</source>
        <translation>отложен</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="156"/>
        <source>rejected</source>
        <translation>отказано</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="157"/>
        <source>declined</source>
        <translation>отказался</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="158"/>
        <source>unreachable</source>
        <translation>нет связи</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="159"/>
        <source>merged</source>
        <translation>объединён</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="160"/>
        <source>medical</source>
        <translation>медицинские нужды</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="161"/>
        <source>reduced_mobility</source>
        <translation>ограниченная подвижность</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="162"/>
        <source>pregnant</source>
        <translation>беременность</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="163"/>
        <source>unaccompanied_minor</source>
        <translation>ребёнок без сопровождения</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="164"/>
        <source>infant</source>
        <translation>младенец</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="165"/>
        <source>child</source>
        <translation>ребёнок</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="166"/>
        <source>elderly</source>
        <translation>пожилой</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="167"/>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="168"/>
        <source>head</source>
        <translation>глава семьи</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="169"/>
        <source>spouse</source>
        <translation>супруг(а)</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="170"/>
        <source>parent</source>
        <translation>родитель</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="171"/>
        <source>sibling</source>
        <translation>брат/сестра</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="172"/>
        <source>grandchild</source>
        <translation>внук/внучка</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="173"/>
        <source>grandparent</source>
        <translation>дедушка/бабушка</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="174"/>
        <source>other_relative</source>
        <translation>другой родственник</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="175"/>
        <source>other</source>
        <translation>другое</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="176"/>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="177"/>
        <source>email</source>
        <translation>эл. почта</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="178"/>
        <source>messenger</source>
        <translation>мессенджер</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="179"/>
        <source>meeting</source>
        <translation>встреча</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="180"/>
        <source>letter</source>
        <translation>письмо</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="181"/>
        <source>ministry</source>
        <translation>министерство</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="182"/>
        <source>border_authority</source>
        <translation>пограничная служба</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="183"/>
        <source>international_organization</source>
        <translation>международная организация</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="184"/>
        <source>embassy</source>
        <translation>посольство</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="185"/>
        <source>airline</source>
        <translation>авиакомпания</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="186"/>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="187"/>
        <source>sent</source>
        <translation>отправлен</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="188"/>
        <source>answered</source>
        <translation>получен ответ</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="189"/>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="190"/>
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="191"/>
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="192"/>
        <source>unspecified</source>
        <translation>не указан</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="193"/>
        <source>passport</source>
        <translation>паспорт</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="194"/>
        <source>foreign_passport</source>
        <translation>загранпаспорт</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="195"/>
        <source>national_id</source>
        <translation>удостоверение личности</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="196"/>
        <source>birth_certificate</source>
        <translation>свидетельство о рождении</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="197"/>
        <source>travel_document</source>
        <translation>проездной документ</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="198"/>
        <source>residence_permit</source>
        <translation>вид на жительство</translation>
    </message>
</context>
<context>
    <name>domain.messages</name>
    <message>
        <location filename="../../domain/messages.py" line="113"/>
        <source>{value} {problem}</source>
        <translation>{value} — {problem}</translation>
    </message>
    <message>
        <location filename="../../domain/messages.py" line="114"/>
        <source>&apos;{value}&apos; {problem}</source>
        <translation>&apos;{value}&apos; — {problem}</translation>
    </message>
</context>
<context>
    <name>domain.notify</name>
    <message>
        <location filename="../../domain/notify_templates.py" line="57"/>
        <source>is not one of {known}</source>
        <translation>не из списка: {known}</translation>
    </message>
    <message>
        <location filename="../../domain/notify_templates.py" line="72"/>
        <source>has broken braces: {why}</source>
        <translation>содержит незакрытые скобки: {why}</translation>
    </message>
    <message>
        <location filename="../../domain/notify_templates.py" line="78"/>
        <source>formats its fields {formatted}: write each field as its name alone, e.g. {{time}}</source>
        <translation>форматирует поля {formatted}: пишите каждое поле только его именем, например {{time}}</translation>
    </message>
    <message>
        <location filename="../../domain/notify_templates.py" line="84"/>
        <source>uses unknown fields {unknown} (known: {known})</source>
        <translation>использует неизвестные поля {unknown} (известные: {known})</translation>
    </message>
    <message>
        <location filename="../../domain/notify_templates.py" line="92"/>
        <source>is empty</source>
        <translation>пуст</translation>
    </message>
</context>
<context>
    <name>domain.person</name>
    <message>
        <location filename="../../domain/person.py" line="164"/>
        <source>is not a field of a person</source>
        <translation>не является полем карточки человека</translation>
    </message>
    <message>
        <location filename="../../domain/person.py" line="173"/>
        <location filename="../../domain/person.py" line="279"/>
        <source>is longer than {most} characters</source>
        <translation>длиннее {most} символов</translation>
    </message>
    <message>
        <location filename="../../domain/person.py" line="181"/>
        <source>must be in Latin letters as in the passport</source>
        <translation>нужно латиницей, как в паспорте</translation>
    </message>
    <message>
        <location filename="../../domain/person.py" line="187"/>
        <source>must be letters, digits and - / _ . (up to 32)</source>
        <translation>допустимы буквы, цифры и - / _ . (не более 32 знаков)</translation>
    </message>
    <message>
        <location filename="../../domain/person.py" line="192"/>
        <source>is not an e-mail address</source>
        <translation>не является адресом электронной почты</translation>
    </message>
    <message>
        <location filename="../../domain/person.py" line="200"/>
        <source>lies in the future</source>
        <translation>ещё не наступила</translation>
    </message>
    <message>
        <location filename="../../domain/person.py" line="226"/>
        <source>must be yes or no</source>
        <translation>нужно «да» или «нет»</translation>
    </message>
    <message>
        <location filename="../../domain/person.py" line="234"/>
        <source>must be M, F or X</source>
        <translation>нужно M, F или X</translation>
    </message>
    <message>
        <location filename="../../domain/person.py" line="276"/>
        <source>is empty</source>
        <translation>не заполнено</translation>
    </message>
    <message>
        <location filename="../../domain/person.py" line="285"/>
        <source>is not after the issue date</source>
        <translation>не позже даты выдачи</translation>
    </message>
    <message>
        <location filename="../../domain/person.py" line="91"/>
        <source>is {age} years old: too young to be the {relation} of the head; check the relationship</source>
        <translation>{age} лет: слишком мал(а), чтобы быть «{relation}» главы семьи; проверьте родство</translation>
    </message>
</context>
<context>
    <name>domain.phones</name>
    <message>
        <location filename="../../domain/phones.py" line="32"/>
        <source>is empty</source>
        <translation>не заполнен</translation>
    </message>
    <message>
        <location filename="../../domain/phones.py" line="40"/>
        <source>is not a phone number</source>
        <translation>не является номером телефона</translation>
    </message>
    <message>
        <location filename="../../domain/phones.py" line="41"/>
        <source>is not a phone number (give it with its country code, e.g. +20...)</source>
        <translation>не является номером телефона (укажите его с кодом страны, например +20...)</translation>
    </message>
    <message>
        <location filename="../../domain/phones.py" line="45"/>
        <source>is not a valid phone number for its country</source>
        <translation>не является действительным номером для своей страны</translation>
    </message>
</context>
<context>
    <name>domain.reasons</name>
    <message>
        <location filename="../../domain/reasons.py" line="19"/>
        <source>crossed the border</source>
        <translation>пересёк(ла) границу</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="20"/>
        <source>registered</source>
        <translation>зарегистрирован(а)</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="21"/>
        <source>demo</source>
        <translation>демонстрация</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="22"/>
        <source>redo</source>
        <translation>повтор</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="23"/>
        <source>sent on list {list}</source>
        <translation>отправлен(а) в списке {list}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="25"/>
        <source>verified to be sent on list {list}</source>
        <translation>проверен(а) для отправки в списке {list}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="27"/>
        <source>answer on list {list}: {note}</source>
        <translation>ответ по списку {list}: {note}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="28"/>
        <source>answer on list {list}</source>
        <translation>ответ по списку {list}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="29"/>
        <source>merged into {ref}</source>
        <translation>объединён(а) с {ref}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="30"/>
        <source>merge into {ref} undone</source>
        <translation>объединение с {ref} отменено</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="31"/>
        <source>import #{n}</source>
        <translation>импорт № {n}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="32"/>
        <source>undo of import #{n}</source>
        <translation>отмена импорта № {n}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="33"/>
        <source>undo of status operation {n}</source>
        <translation>отмена смены статуса {n}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="35"/>
        <source>undo of reconcile operation {n} ({file})</source>
        <translation>отмена сверки {n} ({file})</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="37"/>
        <source>undo: {old} -&gt; {new} ({why})</source>
        <translation>отмена: {old} → {new} ({why})</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="38"/>
        <source>undo: {old} -&gt; {new}</source>
        <translation>отмена: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="40"/>
        <source>retention of {n} person records</source>
        <translation>хранение данных: записей о людях — {n}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="59"/>
        <source>surname</source>
        <translation>фамилия</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="60"/>
        <source>given name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="61"/>
        <source>patronymic</source>
        <translation>отчество</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="64"/>
        <source>roster ID equal</source>
        <translation>совпадает ID записи</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="65"/>
        <source>case reference equal</source>
        <translation>совпадает номер дела</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="66"/>
        <source>document equal</source>
        <translation>совпадает документ</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="67"/>
        <source>document differs by one character</source>
        <translation>документ отличается одним знаком</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="68"/>
        <source>documents differ</source>
        <translation>документы разные</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="69"/>
        <source>birth date equal</source>
        <translation>совпадает дата рождения</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="70"/>
        <source>birth date day/month swapped</source>
        <translation>в дате рождения переставлены день и месяц</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="71"/>
        <source>birth date differs by one digit</source>
        <translation>дата рождения отличается одной цифрой</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="73"/>
        <source>birth year equal, full date not known</source>
        <translation>совпадает год рождения, полная дата неизвестна</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="74"/>
        <source>birth date differs</source>
        <translation>дата рождения другая</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="76"/>
        <source>same name, another generation (parent and child?)</source>
        <translation>то же имя, другое поколение (родитель и ребёнок?)</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="77"/>
        <source>birth date missing</source>
        <translation>нет даты рождения</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="78"/>
        <source>sex differs</source>
        <translation>пол другой</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="79"/>
        <source>same household</source>
        <translation>та же семья</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="81"/>
        <source>surname and given name in each other&apos;s place</source>
        <translation>фамилия и имя поменяны местами</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="82"/>
        <source>not the best candidate</source>
        <translation>не лучший кандидат</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="84"/>
        <source>only the town and address make it a match</source>
        <translation>совпадение держится только на городе и адресе</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="86"/>
        <source>the town and address finish the match: no households on this roster</source>
        <translation>совпадение довершают город и адрес: в этой базе нет семей по одному адресу</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="88"/>
        <source>both surnames carried by others on the roster: two families, not a typo</source>
        <translation>обе фамилии носят и другие люди в базе: это две семьи, а не опечатка</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="90"/>
        <source>few registrations on this roster agree on a number: the officer decides</source>
        <translation>в этой базе мало записей с одним номером документа: решает сотрудник</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="92"/>
        <source>registered again alike in every field: the officer decides</source>
        <translation>та же запись, внесённая повторно без единого отличия: решает сотрудник</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="94"/>
        <source>born on a day many on this roster share: look</source>
        <translation>в этот день в базе родились многие: проверьте</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="97"/>
        <source>{part} equal</source>
        <translation>{part}: совпадает</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="99"/>
        <source>{part} equal by sound</source>
        <translation>{part}: совпадает по звучанию</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="100"/>
        <source>{part} similar</source>
        <translation>{part}: похоже</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="102"/>
        <source>{part} differs slightly</source>
        <translation>{part}: немного отличается</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="104"/>
        <source>{part} initial only</source>
        <translation>{part}: только инициал</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="105"/>
        <source>{part} differs</source>
        <translation>{part}: другое</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="106"/>
        <source>{part} missing</source>
        <translation>{part}: нет</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="108"/>
        <source>{part} equal under {scheme}</source>
        <translation>{part}: совпадает по {scheme}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="110"/>
        <source>birth date differs (born {n} years apart)</source>
        <translation>дата рождения другая (разница {n} г.)</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="113"/>
        <source>another person scores close ({ref})</source>
        <translation>близкий результат у другого человека ({ref})</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="115"/>
        <source>another given name, and another person comes close ({ref}): a twin&apos;s document?</source>
        <translation>другое имя, и близкий результат у другого человека ({ref}): документ близнеца?</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="258"/>
        <source>status {old} cannot become {new}</source>
        <translation>статус «{old}» не может смениться на «{new}»</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="260"/>
        <source>{ref}: {answer} recorded, status {old} cannot become {new}</source>
        <translation>{ref}: ответ «{answer}» внесён, статус «{old}» не может смениться на «{new}»</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="261"/>
        <source>needs review</source>
        <translation>требует проверки</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="262"/>
        <source>not on the roster</source>
        <translation>нет в базе</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="263"/>
        <source>left out by the officer</source>
        <translation>исключено сотрудником</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="264"/>
        <source>is in the trash</source>
        <translation>в корзине</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="265"/>
        <source>is not on list {name}</source>
        <translation>нет в списке {name}</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="268"/>
        <source>row {rows} names the same person</source>
        <translation>строка {rows} называет того же человека</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="270"/>
        <source>row {row} names this person more surely</source>
        <translation>строка {row} называет этого человека увереннее</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="271"/>
        <source>closest roster persons</source>
        <translation>ближайшие люди в базе</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="272"/>
        <source>a list member carries this name</source>
        <translation>это имя носит человек из списка</translation>
    </message>
    <message>
        <location filename="../../domain/reasons.py" line="111"/>
        <source>both match {ref}</source>
        <translation>оба совпадают с {ref}</translation>
    </message>
</context>
<context>
    <name>domain.roles</name>
    <message>
        <location filename="../../domain/roles.py" line="65"/>
        <source>is not a role (known: {known})</source>
        <translation>— не роль (известны: {known})</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="94"/>
        <source>volunteer</source>
        <translation>волонтёр</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="95"/>
        <source>officer</source>
        <translation>сотрудник</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="96"/>
        <source>head of mission</source>
        <translation>глава миссии</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="99"/>
        <source>search the roster</source>
        <translation>поиск по списку</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="100"/>
        <source>register and edit persons</source>
        <translation>регистрация и правка лиц</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="101"/>
        <source>log contacts and calls</source>
        <translation>журнал контактов и звонков</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="102"/>
        <source>medical and free-text notes</source>
        <translation>медицинские сведения и заметки</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="103"/>
        <source>delete and restore persons</source>
        <translation>удаление и восстановление лиц</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="104"/>
        <source>change statuses</source>
        <translation>смена статусов</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="105"/>
        <source>evacuation lists</source>
        <translation>эвакуационные списки</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="106"/>
        <source>partner organizations</source>
        <translation>организации-партнёры</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="107"/>
        <source>partner answers</source>
        <translation>ответы партнёров</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="108"/>
        <source>exports to partners</source>
        <translation>выгрузка партнёрам</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="109"/>
        <source>imports</source>
        <translation>импорт</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="110"/>
        <source>merges</source>
        <translation>объединение записей</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="111"/>
        <source>check-in and eligibility</source>
        <translation>регистрация на выезд и основания</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="112"/>
        <source>export profiles and message templates</source>
        <translation>профили выгрузки и шаблоны сообщений</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="113"/>
        <source>backups</source>
        <translation>резервные копии</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="114"/>
        <source>mission settings</source>
        <translation>настройки миссии</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="115"/>
        <source>restoring a backup</source>
        <translation>восстановление из резервной копии</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="116"/>
        <source>retention</source>
        <translation>сроки хранения</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="117"/>
        <source>the encryption passphrase</source>
        <translation>пароль шифрования</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="118"/>
        <source>site keys and packages</source>
        <translation>ключи площадок и пакеты</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="119"/>
        <source>accounts</source>
        <translation>учётные записи</translation>
    </message>
</context>
<context>
    <name>exchange.package_file</name>
    <message>
        <location filename="../../exchange/package_file.py" line="113"/>
        <source>not a site&apos;s public key (expected &apos;mrsite1:&lt;site id&gt;:&lt;signing key&gt;:&lt;age1…&gt;&apos;): {line}</source>
        <translation>это не открытый ключ площадки (ожидается &apos;mrsite1:&lt;id площадки&gt;:&lt;ключ подписи&gt;:&lt;age1…&gt;&apos;): {line}</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="186"/>
        <source>{path}: {size} MB is more than a roster package may be ({limit} MB)</source>
        <translation>{path}: {size} МБ — больше, чем может быть пакет реестра ({limit} МБ)</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="191"/>
        <source>{path}: cannot be read ({why})</source>
        <translation>{path}: не читается ({why})</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="200"/>
        <source>{path}: not a roster package</source>
        <translation>{path}: это не пакет списка</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="202"/>
        <source>{path}: package format {version} is not known to this version of the program</source>
        <translation>{path}: формат пакета {version} неизвестен этой версии программы</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="207"/>
        <source>{path}: the checksum does not match: the package is damaged or was altered</source>
        <translation>{path}: контрольная сумма не совпадает: пакет повреждён или изменён</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="212"/>
        <source>{path}: the signature does not match: the package was altered or not signed by its sender</source>
        <translation>{path}: подпись не совпадает: пакет изменён или подписан не отправителем</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="217"/>
        <location filename="../../exchange/package_file.py" line="233"/>
        <source>{path}: the package is damaged</source>
        <translation>{path}: пакет повреждён</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="222"/>
        <source>{path}: malformed content (line {line} of the package is not a {what})</source>
        <translation>{path}: содержимое повреждено (строка {line} пакета — не {what})</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="245"/>
        <source>{path}: refused: the package unpacks to more than its manifest declares ({records} records); nothing was changed</source>
        <translation>{path}: отклонено: пакет распаковывается в больше, чем заявлено в его описи ({records} записей); ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="254"/>
        <source>{path}: the records are not those the manifest counts ({records} declared, {arrived} arrived)</source>
        <translation>{path}: записи не те, что перечислены в описи (заявлено {records}, пришло {arrived})</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="291"/>
        <source>{path}: this roster has no site keys (run &apos;site init&apos;)</source>
        <translation>{path}: у этого списка нет ключей площадки (выполните &apos;site init&apos;)</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="297"/>
        <source>{path}: wrong passphrase, or not a package made with a passphrase</source>
        <translation>{path}: неверный пароль или пакет зашифрован не паролем</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="300"/>
        <source>{path}: the package is not addressed to this site (or was made with a passphrase: give --password-file)</source>
        <translation>{path}: пакет адресован не этой площадке (или зашифрован паролем: укажите --password-file)</translation>
    </message>
    <message>
        <location filename="../../exchange/package_file.py" line="303"/>
        <source>{path}: the package is damaged or truncated</source>
        <translation>{path}: пакет повреждён или обрезан</translation>
    </message>
</context>
<context>
    <name>exchange.values</name>
    <message>
        <location filename="../../exchange/values.py" line="120"/>
        <location filename="../../exchange/values.py" line="137"/>
        <source>is not a date</source>
        <translation>не является датой</translation>
    </message>
    <message>
        <location filename="../../exchange/values.py" line="130"/>
        <source>is not a real date</source>
        <translation>такой даты не существует</translation>
    </message>
    <message>
        <location filename="../../exchange/values.py" line="179"/>
        <source>is not a date in a form we read</source>
        <translation>не является датой в понятной программе записи</translation>
    </message>
    <message>
        <location filename="../../exchange/values.py" line="193"/>
        <source>could be day/month or month/day; choose the order</source>
        <translation>может быть и день/месяц, и месяц/день; выберите порядок</translation>
    </message>
    <message>
        <location filename="../../exchange/values.py" line="196"/>
        <source>read as {date} ({order}), the order the column&apos;s other dates settle</source>
        <translation>прочитано как {date} ({order}): такой порядок показывают другие даты столбца</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../ui/export_dialog.py" line="90"/>
        <source>Replace the file?</source>
        <translation>Заменить файл?</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="91"/>
        <source>%1 already exists in %2. Replace it? The file there now will be lost.</source>
        <translation>%1 уже есть в папке %2. Заменить? Нынешний файл будет потерян.</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="97"/>
        <source>Replace</source>
        <translation>Заменить</translation>
    </message>
</context>
<context>
    <name>matching.evidence</name>
    <message>
        <location filename="../../matching/comparisons.py" line="45"/>
        <location filename="../../matching/comparisons.py" line="58"/>
        <location filename="../../matching/comparisons.py" line="68"/>
        <location filename="../../matching/comparisons.py" line="73"/>
        <location filename="../../matching/comparisons.py" line="77"/>
        <location filename="../../matching/comparisons.py" line="82"/>
        <source>equal</source>
        <translation>совпадает</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="46"/>
        <source>equal under a romanisation scheme</source>
        <translation>совпадает в системе транслитерации</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="47"/>
        <source>equal by sound</source>
        <translation>совпадает по звучанию</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="48"/>
        <location filename="../../matching/comparisons.py" line="83"/>
        <source>Jaro-Winkler 0.94 or more</source>
        <translation>Джаро — Винклер 0,94 и выше</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="49"/>
        <source>Jaro-Winkler 0.88 or more</source>
        <translation>Джаро — Винклер 0,88 и выше</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="50"/>
        <source>Jaro-Winkler 0.80 or more</source>
        <translation>Джаро — Винклер 0,80 и выше</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="51"/>
        <source>initial only</source>
        <translation>только инициал</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="52"/>
        <location filename="../../matching/comparisons.py" line="70"/>
        <location filename="../../matching/comparisons.py" line="74"/>
        <location filename="../../matching/comparisons.py" line="79"/>
        <location filename="../../matching/comparisons.py" line="85"/>
        <source>different</source>
        <translation>различается</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="53"/>
        <location filename="../../matching/comparisons.py" line="65"/>
        <location filename="../../matching/comparisons.py" line="71"/>
        <location filename="../../matching/comparisons.py" line="75"/>
        <location filename="../../matching/comparisons.py" line="80"/>
        <location filename="../../matching/comparisons.py" line="86"/>
        <source>missing</source>
        <translation>нет данных</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="59"/>
        <source>day and month swapped</source>
        <translation>день и месяц переставлены</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="60"/>
        <source>one digit off</source>
        <translation>отличается одной цифрой</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="61"/>
        <source>year equal, full date not known</source>
        <translation>год совпадает, полная дата неизвестна</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="62"/>
        <source>within 5 years</source>
        <translation>разница до 5 лет</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="63"/>
        <source>5 to 15 years apart</source>
        <translation>разница от 5 до 15 лет</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="64"/>
        <source>15 or more years apart</source>
        <translation>разница 15 лет и более</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="69"/>
        <source>one character off</source>
        <translation>отличается одним знаком</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="78"/>
        <source>Jaro-Winkler 0.90 or more</source>
        <translation>Джаро — Винклер 0,90 и выше</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="84"/>
        <source>Jaro-Winkler 0.85 or more</source>
        <translation>Джаро — Винклер 0,85 и выше</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="91"/>
        <source>roster ID / case reference</source>
        <translation>ID записи / номер дела</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="92"/>
        <source>document</source>
        <translation>документ</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="93"/>
        <source>surname</source>
        <translation>фамилия</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="94"/>
        <source>given name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="95"/>
        <source>patronymic</source>
        <translation>отчество</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="96"/>
        <source>birth date</source>
        <translation>дата рождения</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="97"/>
        <source>sex</source>
        <translation>пол</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="98"/>
        <source>household</source>
        <translation>семья</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="99"/>
        <source>locality</source>
        <translation>населённый пункт</translation>
    </message>
    <message>
        <location filename="../../matching/comparisons.py" line="100"/>
        <source>address</source>
        <translation>адрес</translation>
    </message>
    <message>
        <location filename="../../matching/scoring.py" line="240"/>
        <source>prior</source>
        <translation>исходно</translation>
    </message>
    <message>
        <location filename="../../matching/scoring.py" line="241"/>
        <source>chance before comparing</source>
        <translation>вероятность до сравнения</translation>
    </message>
    <message>
        <location filename="../../matching/scoring.py" line="245"/>
        <source>roster</source>
        <translation>база</translation>
    </message>
    <message>
        <location filename="../../matching/scoring.py" line="249"/>
        <source>no other candidate, {share}% of rows not on the roster</source>
        <translation>других кандидатов нет; {share}% строк не из базы</translation>
    </message>
    <message>
        <location filename="../../matching/scoring.py" line="250"/>
        <source>other candidates: {others}, {share}% of rows not on the roster</source>
        <translation>других кандидатов: {others}; {share}% строк не из базы</translation>
    </message>
</context>
<context>
    <name>services.accounts</name>
    <message>
        <location filename="../../services/accounts.py" line="275"/>
        <source>{path}: the roster is in use by another program, so its accounts cannot be checked; try again when it is done. Nothing was changed.</source>
        <translation>{path}: список занят другой программой, поэтому его учётные записи нельзя проверить; повторите, когда она закончит. Ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="72"/>
        <source>Refused: the account {account} is disabled; {permission} needs an account that may. Nothing was changed.</source>
        <translation>Отказано: учётная запись {account} отключена; для действия «{permission}» нужна учётная запись с таким правом. Ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="76"/>
        <source>Refused: this roster has accounts and nobody is signed in; sign in (--user NAME) to use {permission}. Nothing was changed.</source>
        <translation>Отказано: в этом списке есть учётные записи, а вход не выполнен; войдите (--user ИМЯ), чтобы получить доступ: {permission}. Ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="80"/>
        <source>Refused: {account} ({role}) has no permission for {permission}. Nothing was changed.</source>
        <translation>Отказано: у {account} ({role}) нет права: {permission}. Ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="347"/>
        <source>must have at least {count} characters and no spaces at either end</source>
        <translation>должен содержать не менее {count} символов и не начинаться и не заканчиваться пробелом</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="355"/>
        <source>must be 1 to 100 characters</source>
        <translation>должно содержать от 1 до 100 символов</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="405"/>
        <source>cannot be the roster&apos;s first account: the first is the head of mission&apos;s</source>
        <translation>не может быть у первой учётной записи списка: первая — главы миссии</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="408"/>
        <source>An account {name!r} exists already.</source>
        <translation>Учётная запись {name!r} уже есть.</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="446"/>
        <location filename="../../services/accounts.py" line="478"/>
        <source>Not signed in: no account {name!r} with this PIN.</source>
        <translation>Вход не выполнен: нет учётной записи {name!r} с таким PIN.</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="448"/>
        <source>Not signed in: the account {name!r} is disabled; the head of mission can enable it again.</source>
        <translation>Вход не выполнен: учётная запись {name!r} отключена; глава миссии может включить её снова.</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="431"/>
        <source>Not signed in: the account {name!r} is locked for {minutes} more minute(s) after {count} wrong PINs in a row (until {until:%H:%M:%S}).</source>
        <translation>Вход не выполнен: учётная запись {name!r} заблокирована ещё на {minutes} мин. после {count} неверных PIN подряд (до {until:%H:%M:%S}).</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="540"/>
        <source>The server login {login!r} signs in as {name!r} already.</source>
        <translation>Логин сервера {login!r} уже входит как {name!r}.</translation>
    </message>
    <message>
        <location filename="../../services/accounts.py" line="580"/>
        <source>is the roster&apos;s last active head of mission; make another head first</source>
        <translation>— последний действующий глава миссии в списке; сначала назначьте другого главу</translation>
    </message>
</context>
<context>
    <name>services.answer_conflicts</name>
    <message>
        <location filename="../../services/reconciling/conflicts.py" line="39"/>
        <source>{ref}: approved on {approved} but rejected on {rejected}; status {status}: check with the partners before the crossing</source>
        <translation>{ref}: одобрен(а) в списке {approved}, но получил(а) отказ в {rejected}; статус {status}: уточните у партнёров до пересечения границы</translation>
    </message>
</context>
<context>
    <name>services.backups</name>
    <message>
        <location filename="../../services/backups.py" line="217"/>
        <source>Not backed up: given up while the previous backup was being written.</source>
        <translation>Копия не сделана: отменено, пока записывалась предыдущая резервная копия.</translation>
    </message>
</context>
<context>
    <name>services.crossing</name>
    <message>
        <location filename="../../services/crossing/attempts.py" line="41"/>
        <source>is not one of {known}</source>
        <translation>не из списка: {known}</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="61"/>
        <source>{scanned}: unknown code: no person has this code, case reference or passport number</source>
        <translation>{scanned}: неизвестный код: ни у кого нет такого кода, номера дела или паспорта</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="63"/>
        <source>{scanned}: the code&apos;s check character does not match (a misread or mistyped code): scan again or type the case reference</source>
        <translation>{scanned}: контрольный символ кода не совпадает (код считан или введён с ошибкой): отсканируйте ещё раз или введите номер дела</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="66"/>
        <source>{scanned}: several persons have this passport number ({refs}): scan the code or type the case reference</source>
        <translation>{scanned}: этот номер паспорта у нескольких человек ({refs}): отсканируйте код или введите номер дела</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="68"/>
        <source>{ref}: in the trash, not on the roster</source>
        <translation>{ref}: в корзине, не в реестре</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="69"/>
        <source>{ref} {name}: not on the list {list}</source>
        <translation>{ref} {name}: нет в списке {list}</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="70"/>
        <source>{ref} {name}: not approved on {list} (answer: {answer})</source>
        <translation>{ref} {name}: не одобрен(а) в списке {list} (ответ: {answer})</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="72"/>
        <source>{ref} {name}: already checked in ({kind}) at {at} by {by}</source>
        <translation>{ref} {name}: уже зарегистрирован(а) ({kind}) в {at}, отметил(а) {by}</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="74"/>
        <source>{ref} {name}: status {status} cannot become crossed</source>
        <translation>{ref} {name}: статус {status} не может стать «пересёк границу»</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="75"/>
        <source>{ref} {name}: approved on {list}, but since then {status}: may not go through (ask the consul)</source>
        <translation>{ref} {name}: одобрен(а) в списке {list}, но с тех пор {status}: пропускать нельзя (спросите консула)</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="82"/>
        <source>{ref} {name}: boarded</source>
        <translation>{ref} {name}: посадка</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="83"/>
        <source>{ref} {name}: crossed</source>
        <translation>{ref} {name}: пересёк(ла) границу</translation>
    </message>
    <message>
        <location filename="../../services/crossing/checkin.py" line="227"/>
        <source>check-in on {list}</source>
        <translation>регистрация в списке {list}</translation>
    </message>
    <message>
        <location filename="../../services/crossing/notify.py" line="108"/>
        <source>needs {fields}: give them for this group</source>
        <translation>нужны поля {fields}: заполните их для этой группы</translation>
    </message>
    <message>
        <location filename="../../services/crossing/notify.py" line="112"/>
        <source>is needed: a list, statuses or persons</source>
        <translation>нужна: список, статусы или люди</translation>
    </message>
    <message>
        <location filename="../../services/crossing/templates.py" line="52"/>
        <source>is required</source>
        <translation>обязательно</translation>
    </message>
    <message>
        <location filename="../../services/crossing/eligibility.py" line="149"/>
        <source>is required for an override</source>
        <translation>обязательна для исключения</translation>
    </message>
    <message>
        <location filename="../../services/crossing/eligibility.py" line="157"/>
        <source>is not needed: this member lacks no evidence on {list}</source>
        <translation>не нужно: у этого участника списка {list} все документы есть</translation>
    </message>
</context>
<context>
    <name>services.duplicates</name>
    <message>
        <location filename="../../services/duplicates/merging.py" line="199"/>
        <source>The search for duplicates was cancelled.</source>
        <translation>Поиск дубликатов отменён.</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="305"/>
        <source>names the same person twice</source>
        <translation>дважды называет одного и того же человека</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="362"/>
        <source>Household</source>
        <translation>Семья</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="365"/>
        <source>Case ref. (each record keeps its own)</source>
        <translation>Номер дела (у каждой записи свой)</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="368"/>
        <source>Documents (united)</source>
        <translation>Документы (объединяются)</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="371"/>
        <source>Phones (united)</source>
        <translation>Телефоны (объединяются)</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="373"/>
        <source>Status (the survivor&apos;s stays)</source>
        <translation>Статус (остаётся у сохраняемой записи)</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="396"/>
        <source>was already merged into another record</source>
        <translation>уже объединена с другой записью</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="402"/>
        <location filename="../../services/duplicates/merging.py" line="461"/>
        <location filename="../../services/duplicates/merging.py" line="466"/>
        <source>needs two different persons</source>
        <translation>нужны два разных человека</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="454"/>
        <source>must be picked as &apos;keep&apos; or &apos;other&apos;</source>
        <translation>нужно выбрать &apos;keep&apos; или &apos;other&apos;</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="469"/>
        <source>names the same record twice</source>
        <translation>называет одну запись дважды</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="188"/>
        <source>reading the roster</source>
        <translation>чтение базы</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="189"/>
        <source>comparing the persons</source>
        <translation>сравнение людей</translation>
    </message>
    <message>
        <location filename="../../services/duplicates/merging.py" line="190"/>
        <source>listing the pairs</source>
        <translation>составление списка пар</translation>
    </message>
</context>
<context>
    <name>services.first_start</name>
    <message>
        <location filename="../../services/first_start.py" line="34"/>
        <source>{path}: no roster can be made there: {folder} is not a folder this program can write in (a read-only disk, a write-protected stick, a file of that name?); choose another place</source>
        <translation>{path}: здесь нельзя создать базу: программа не может писать в папку {folder} (диск только для чтения, флешка с защитой от записи, файл с таким именем?); выберите другое место</translation>
    </message>
    <message>
        <location filename="../../services/first_start.py" line="41"/>
        <source>{path} exists already; choose another file, or open it with File &gt; Open roster</source>
        <translation>{path} уже существует; выберите другой файл или откройте его через Файл &gt; Открыть базу</translation>
    </message>
</context>
<context>
    <name>services.households</name>
    <message>
        <location filename="../../services/households.py" line="117"/>
        <location filename="../../services/households.py" line="136"/>
        <source>is not a member of household {household}</source>
        <translation>не состоит в семье {household}</translation>
    </message>
    <message>
        <location filename="../../services/households.py" line="194"/>
        <source>was merged into another record</source>
        <translation>объединена с другой записью</translation>
    </message>
    <message>
        <location filename="../../services/households.py" line="268"/>
        <source>Household {ref}: partner approved {approved} but not {not_approved}</source>
        <translation>Семья {ref}: партнёр одобрил {approved}, но не {not_approved}</translation>
    </message>
</context>
<context>
    <name>services.import_model</name>
    <message>
        <location filename="../../services/importing/model.py" line="54"/>
        <source>row {row}, column {column} ({header})</source>
        <translation>строка {row}, столбец {column} ({header})</translation>
    </message>
    <message>
        <location filename="../../services/importing/model.py" line="56"/>
        <source>row {row}</source>
        <translation>строка {row}</translation>
    </message>
    <message>
        <location filename="../../services/importing/model.py" line="58"/>
        <source>{where}: &apos;{value}&apos; {message}</source>
        <translation>{where}: &apos;{value}&apos; — {message}</translation>
    </message>
    <message>
        <location filename="../../services/importing/model.py" line="60"/>
        <source>{where}: {message}</source>
        <translation>{where}: {message}</translation>
    </message>
    <message>
        <location filename="../../services/importing/model.py" line="153"/>
        <source>may be {candidates}</source>
        <translation>возможно, это {candidates}</translation>
    </message>
    <message>
        <location filename="../../services/importing/model.py" line="156"/>
        <source>{ref}: everything in the row is already on the roster</source>
        <translation>{ref}: всё из этой строки уже есть в базе</translation>
    </message>
    <message>
        <location filename="../../services/importing/model.py" line="174"/>
        <source>row {row} skipped: a total line, not a person (&apos;{text}&apos;)</source>
        <translation>строка {row} пропущена: это итоговая строка, а не человек (&apos;{text}&apos;)</translation>
    </message>
    <message>
        <location filename="../../services/importing/model.py" line="194"/>
        <source>not imported: column {column}: {header} (looks like {field}: choose it on the Columns page or map it)</source>
        <translation>не импортируется: столбец {column}: {header} (похоже на «{field}»: выберите это поле на странице «Столбцы» или сопоставьте его)</translation>
    </message>
    <message>
        <location filename="../../services/importing/model.py" line="197"/>
        <source>not imported: column {column}: {header}</source>
        <translation>не импортируется: столбец {column}: {header}</translation>
    </message>
</context>
<context>
    <name>services.import_profiles</name>
    <message>
        <location filename="../../services/importing/profiles.py" line="55"/>
        <source>is empty</source>
        <translation>не заполнено</translation>
    </message>
    <message>
        <location filename="../../services/importing/profiles.py" line="61"/>
        <source>names no roster field</source>
        <translation>не указывает ни одного поля базы</translation>
    </message>
</context>
<context>
    <name>services.import_report</name>
    <message>
        <location filename="../../services/importing/report.py" line="37"/>
        <source>must be an .xlsx workbook (name ending in .xlsx)</source>
        <translation>должен быть книгой .xlsx (имя оканчивается на .xlsx)</translation>
    </message>
    <message>
        <location filename="../../services/importing/report.py" line="55"/>
        <source>has no rejected rows to save</source>
        <translation>нет отклонённых строк для сохранения</translation>
    </message>
</context>
<context>
    <name>services.import_rows</name>
    <message>
        <location filename="../../services/importing/rows.py" line="133"/>
        <source>is not a roster field</source>
        <translation>не является полем базы</translation>
    </message>
    <message>
        <location filename="../../services/importing/rows.py" line="263"/>
        <source>is unlikely at {age} years old (the birth date): check the relationship to the head</source>
        <translation>маловероятно в возрасте {age} лет (по дате рождения): проверьте родство с главой семьи</translation>
    </message>
</context>
<context>
    <name>services.import_source</name>
    <message>
        <location filename="../../services/importing/source.py" line="169"/>
        <source>maps no column to a roster field; choose at least a name column</source>
        <translation>ни один столбец не сопоставлен с полем базы; выберите хотя бы столбец с именем</translation>
    </message>
</context>
<context>
    <name>services.import_zeros</name>
    <message>
        <location filename="../../services/importing/zeros.py" line="33"/>
        <source>may have lost its leading zeros (a spreadsheet program saving the file turns 0599112234 into 599112234): check it against the original</source>
        <translation>возможно, потерял(о) ведущие нули (программа электронных таблиц при сохранении превращает 0599112234 в 599112234): сверьте с исходным списком</translation>
    </message>
    <message>
        <location filename="../../services/importing/zeros.py" line="55"/>
        <source>column {column} ({header}): {count} phone numbers start without their 0 (e.g. {example}), as when a spreadsheet program saved the file and dropped leading zeros (rows {rows}): check them against the original list</source>
        <translation>столбец {column} ({header}): телефоны без начального 0 ({count}, например {example}) — так бывает, когда файл сохранила программа электронных таблиц и отбросила ведущие нули (строки {rows}): сверьте их с исходным списком</translation>
    </message>
    <message>
        <location filename="../../services/importing/zeros.py" line="60"/>
        <source>column {column} ({header}): {count} document numbers are shorter than the others (e.g. {example}), as when a spreadsheet program saved the file and dropped leading zeros (rows {rows}): check them against the original list</source>
        <translation>столбец {column} ({header}): номера документов короче остальных ({count}, например {example}) — так бывает, когда файл сохранила программа электронных таблиц и отбросила ведущие нули (строки {rows}): сверьте их с исходным списком</translation>
    </message>
</context>
<context>
    <name>services.lists</name>
    <message>
        <location filename="../../services/lists.py" line="219"/>
        <source>cannot be sent: evidence is missing for {members}; record it, or override with the reason (eligibility-override)</source>
        <translation>нельзя отправить: не хватает документов у {members}; внесите их или сделайте исключение с причиной (eligibility-override)</translation>
    </message>
    <message>
        <location filename="../../services/lists.py" line="95"/>
        <source>is required</source>
        <translation>обязательно</translation>
    </message>
    <message>
        <location filename="../../services/lists.py" line="98"/>
        <source>An evacuation list named {name!r} already exists.</source>
        <translation>Список на эвакуацию {name!r} уже есть.</translation>
    </message>
    <message>
        <location filename="../../services/lists.py" line="139"/>
        <source>is closed; open a new list</source>
        <translation>закрыт; создайте новый список</translation>
    </message>
    <message>
        <location filename="../../services/lists.py" line="151"/>
        <source>was merged into another record</source>
        <translation>объединена с другой записью</translation>
    </message>
    <message>
        <location filename="../../services/lists.py" line="208"/>
        <source>was already {state}</source>
        <translation>уже в состоянии «{state}»</translation>
    </message>
    <message>
        <location filename="../../services/lists.py" line="213"/>
        <source>has nobody on it yet: add persons, then send</source>
        <translation>пока пуст: добавьте людей, затем отправляйте</translation>
    </message>
    <message>
        <location filename="../../services/lists.py" line="300"/>
        <source>is in the trash; restore it to record an answer</source>
        <translation>в корзине; восстановите запись, чтобы внести ответ</translation>
    </message>
    <message>
        <location filename="../../services/lists.py" line="303"/>
        <source>was merged; record the answer on the kept record</source>
        <translation>объединена; внесите ответ в сохранённую запись</translation>
    </message>
    <message>
        <location filename="../../services/lists.py" line="306"/>
        <source>is closed; its answers can no longer change</source>
        <translation>закрыт; ответы по нему больше не меняются</translation>
    </message>
    <message>
        <location filename="../../services/lists.py" line="360"/>
        <source>needs the partner&apos;s approval first</source>
        <translation>сначала нужно одобрение партнёра</translation>
    </message>
</context>
<context>
    <name>services.move_to_server</name>
    <message>
        <location filename="../../services/move_to_server.py" line="96"/>
        <source>{address}: not a server address; write it as postgresql+psycopg://USER@HOST/DATABASE</source>
        <translation>{address}: это не адрес сервера; пишите его так: postgresql+psycopg://ПОЛЬЗОВАТЕЛЬ@СЕРВЕР/БАЗА</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="100"/>
        <source>{address}: a roster moves only to a PostgreSQL server (postgresql+psycopg://USER@HOST/DATABASE)</source>
        <translation>{address}: база переносится только на сервер PostgreSQL (postgresql+psycopg://ПОЛЬЗОВАТЕЛЬ@СЕРВЕР/БАЗА)</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="105"/>
        <source>{address}: the address names no database; add it after the server: postgresql+psycopg://USER@HOST/DATABASE</source>
        <translation>{address}: в адресе не указана база данных; добавьте её после сервера: postgresql+psycopg://ПОЛЬЗОВАТЕЛЬ@СЕРВЕР/БАЗА</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="110"/>
        <source>the server address holds a password: it would stay in the settings, the shell&apos;s history and the process list. Leave it out and put it in the PostgreSQL password file (PGPASSFILE or ~/.pgpass) or PGPASSWORD</source>
        <translation>в адресе сервера есть пароль: он остался бы в настройках, в истории оболочки и в списке процессов. Уберите его и занесите в файл паролей PostgreSQL (PGPASSFILE или ~/.pgpass) или в PGPASSWORD</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="151"/>
        <source>{server}: cannot connect to the server ({reason}); nothing was changed</source>
        <translation>{server}: не удаётся соединиться с сервером ({reason}); ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="164"/>
        <source>{server}: the database holds a roster of a newer version of Mission Roster (schema {revision}); nothing was changed</source>
        <translation>{server}: в базе данных уже есть база более новой версии Mission Roster (схема {revision}); ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="168"/>
        <source>{server}: the database already holds a roster; a roster moves only into an empty database (ask for a new one). Nothing was changed</source>
        <translation>{server}: в базе данных уже есть база; база переносится только в пустую базу данных (попросите новую). Ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="171"/>
        <source>{server}: the database holds {count} tables of another program; a roster moves only into an empty database. Nothing was changed</source>
        <translation>{server}: в базе данных есть таблицы другой программы ({count}); база переносится только в пустую базу данных. Ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="202"/>
        <source>{path}: no such roster file</source>
        <translation>{path}: такого файла базы нет</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="207"/>
        <location filename="../../services/move_to_server.py" line="219"/>
        <source>{path}: not a roster database; nothing was copied</source>
        <translation>{path}: это не база списков; ничего не скопировано</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="213"/>
        <source>{path}: this roster is not encrypted, yet a passphrase was given</source>
        <translation>{path}: эта база не зашифрована, но указана парольная фраза</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="224"/>
        <source>{path}: written by a newer version of Mission Roster (schema {revision}); update the program. Nothing was copied</source>
        <translation>{path}: записана более новой версией Mission Roster (схема {revision}); обновите программу. Ничего не скопировано</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="229"/>
        <source>{path}: the roster was last opened by an older version (schema {revision}); open it once with this version, which brings it up to date, then move it. Nothing was copied</source>
        <translation>{path}: база в последний раз открывалась более старой версией (схема {revision}); откройте её один раз этой версией, которая её обновит, затем перенесите. Ничего не скопировано</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="238"/>
        <source>{path}: the roster file is damaged ({problem}); a damaged roster is not moved. Restore the last good backup first (Tools &gt; Restore from backup). Nothing was copied</source>
        <translation>{path}: файл базы повреждён ({problem}); повреждённая база не переносится. Сначала восстановите последнюю исправную копию (Сервис &gt; Восстановить из резервной копии). Ничего не скопировано</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="244"/>
        <source>{path}: the roster&apos;s audit trail is broken ({problem}); a damaged roster is not moved. Restore the last good backup first. Nothing was copied</source>
        <translation>{path}: журнал аудита базы нарушен ({problem}); повреждённая база не переносится. Сначала восстановите последнюю исправную копию. Ничего не скопировано</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="310"/>
        <source>{server}: this roster is on a server already</source>
        <translation>{server}: эта база уже на сервере</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="334"/>
        <source>{server}: the copy failed ({reason}); the server database was left empty</source>
        <translation>{server}: копирование не удалось ({reason}); база на сервере осталась пустой</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="382"/>
        <source>{path}: the roster holds tables this version does not know ({tables}); nothing was copied</source>
        <translation>{path}: в базе есть таблицы, неизвестные этой версии ({tables}); ничего не скопировано</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="394"/>
        <source>Cancelled; the server database was left empty and the roster file was not changed.</source>
        <translation>Отменено; база на сервере осталась пустой, файл базы не изменён.</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="523"/>
        <source>{server}: after the copy the tables {tables} do not hold as many rows as the roster file; the server database was left empty</source>
        <translation>{server}: после копирования в таблицах {tables} не столько строк, сколько в файле базы; база на сервере осталась пустой</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="529"/>
        <source>{server}: the audit trail does not verify on the server ({problem}); the server database was left empty</source>
        <translation>{server}: журнал аудита на сервере не проходит проверку ({problem}); база на сервере осталась пустой</translation>
    </message>
    <message>
        <location filename="../../services/move_to_server.py" line="534"/>
        <source>{server}: search terms are missing on the server after the copy; the server database was left empty</source>
        <translation>{server}: после копирования на сервере нет поисковых слов; база на сервере осталась пустой</translation>
    </message>
</context>
<context>
    <name>services.operations</name>
    <message>
        <location filename="../../services/operations.py" line="37"/>
        <source>an import</source>
        <translation>импорт</translation>
    </message>
    <message>
        <location filename="../../services/operations.py" line="38"/>
        <source>a reconciliation</source>
        <translation>сверка</translation>
    </message>
    <message>
        <location filename="../../services/operations.py" line="40"/>
        <source>a merge</source>
        <translation>объединение</translation>
    </message>
    <message>
        <location filename="../../services/operations.py" line="41"/>
        <source>a status change</source>
        <translation>смена статуса</translation>
    </message>
    <message>
        <location filename="../../services/operations.py" line="42"/>
        <source>a package import</source>
        <translation>импорт пакета</translation>
    </message>
    <message>
        <location filename="../../services/operations.py" line="79"/>
        <source>is not {what} but {other}: undo it with `{command}`</source>
        <translation>это не {what}, а {other}: отмените командой `{command}`</translation>
    </message>
    <message>
        <location filename="../../services/operations.py" line="82"/>
        <source>is not {what} but a {kind} operation, which cannot be undone</source>
        <translation>это не {what}, а операция «{kind}», которую нельзя отменить</translation>
    </message>
    <message>
        <location filename="../../services/operations.py" line="86"/>
        <source>was already undone by {who} at {when}</source>
        <translation>уже отменена ({who}, {when})</translation>
    </message>
</context>
<context>
    <name>services.packages</name>
    <message>
        <location filename="../../services/packages/export.py" line="70"/>
        <source>a package goes to sites (--to) or to a passphrase (--password-file), one of the two</source>
        <translation>пакет отправляется площадкам (--to) или с паролем (--password-file), одно из двух</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="168"/>
        <location filename="../../services/packages/sites.py" line="80"/>
        <source>this roster has no site yet: run &apos;site init NAME&apos; first</source>
        <translation>у этого списка ещё нет площадки: сначала выполните &apos;site init НАЗВАНИЕ&apos;</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="179"/>
        <source>{path}: this package was made by this site</source>
        <translation>{path}: этот пакет создан этой же площадкой</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="183"/>
        <source>{path}: the package is addressed to {sites}, not to this site</source>
        <translation>{path}: пакет адресован {sites}, а не этой площадке</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="194"/>
        <source>{path}: package {number} from {site} was imported already; nothing changed</source>
        <translation>{path}: пакет {number} от {site} уже принят; ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="218"/>
        <source>{path}: the package&apos;s content could not be merged ({error}); nothing was changed</source>
        <translation>{path}: содержимое пакета не удалось объединить ({error}); ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="238"/>
        <source>{path}: malformed content ({what} is not what this version of the program reads)</source>
        <translation>{path}: содержимое повреждено ({what} — не то, что читает эта версия программы)</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="247"/>
        <source>{path}: {site} is not a known site (key fingerprint {fingerprint}); confirm the fingerprint with them by phone, then add the site with &apos;site add&apos;</source>
        <translation>{path}: {site} — неизвестная площадка (отпечаток ключа {fingerprint}); сверьте отпечаток с ними по телефону, затем добавьте площадку командой &apos;site add&apos;</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="255"/>
        <source>{path}: signed by a key that is not {site}&apos;s (fingerprint {fingerprint})</source>
        <translation>{path}: подписан ключом, который не принадлежит {site} (отпечаток {fingerprint})</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="325"/>
        <source>{path}: the sender&apos;s key in the package is not the key that signed it</source>
        <translation>{path}: ключ отправителя в пакете не тот, которым он подписан</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="587"/>
        <source>choose &apos;ours&apos; or &apos;theirs&apos;, not {choice!r}</source>
        <translation>выберите &apos;ours&apos; или &apos;theirs&apos;, а не {choice!r}</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="592"/>
        <source>this roster has no site yet</source>
        <translation>у этого списка ещё нет площадки</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="598"/>
        <source>no open conflict on {field} of {person}</source>
        <translation>нет открытого конфликта по полю {field} у {person}</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="628"/>
        <source>no package import #{number}</source>
        <translation>нет приёма пакета № {number}</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="631"/>
        <source>package import #{number} was undone already</source>
        <translation>приём пакета № {number} уже отменён</translation>
    </message>
    <message>
        <location filename="../../services/packages/importing.py" line="698"/>
        <source>package import #{number} cannot be undone: {refs} changed since it (undo those changes first)</source>
        <translation>приём пакета № {number} нельзя отменить: {refs} изменены после него (сначала отмените эти изменения)</translation>
    </message>
    <message>
        <location filename="../../services/packages/sites.py" line="95"/>
        <location filename="../../services/packages/sites.py" line="135"/>
        <source>a site needs a name</source>
        <translation>у площадки должно быть название</translation>
    </message>
    <message>
        <location filename="../../services/packages/sites.py" line="98"/>
        <source>prefix {prefix!r}: use 2 to 6 Latin capital letters or digits</source>
        <translation>префикс {prefix!r}: используйте от 2 до 6 заглавных латинских букв или цифр</translation>
    </message>
    <message>
        <location filename="../../services/packages/sites.py" line="103"/>
        <source>this roster already is site {name}</source>
        <translation>этот список уже является площадкой {name}</translation>
    </message>
    <message>
        <location filename="../../services/packages/sites.py" line="123"/>
        <source>a site named {name} is already known</source>
        <translation>площадка с названием {name} уже известна</translation>
    </message>
    <message>
        <location filename="../../services/packages/sites.py" line="125"/>
        <source>site {site} is already known under another name</source>
        <translation>площадка {site} уже известна под другим названием</translation>
    </message>
    <message>
        <location filename="../../services/packages/sites.py" line="163"/>
        <source>no site named {site}: add it with &apos;site add&apos;</source>
        <translation>нет площадки {site}: добавьте её командой &apos;site add&apos;</translation>
    </message>
    <message>
        <location filename="../../services/packages/sites.py" line="222"/>
        <source>that key belongs to site {site}, not to {name}</source>
        <translation>этот ключ принадлежит площадке {site}, а не {name}</translation>
    </message>
    <message>
        <location filename="../../services/packages/sites.py" line="225"/>
        <source>{name} has this key already</source>
        <translation>у площадки {name} уже этот ключ</translation>
    </message>
    <message>
        <location filename="../../services/packages/values.py" line="194"/>
        <source>{path}: malformed content (line {line}, {record}: the record is in the package twice); nothing was changed</source>
        <translation>{path}: повреждённое содержимое (строка {line}, {record}: запись встречается в пакете дважды); ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../services/packages/values.py" line="199"/>
        <source>{path}: malformed content (line {line}, {record}: {field} is not what this roster can store); nothing was changed</source>
        <translation>{path}: повреждённое содержимое (строка {line}, {record}: поле {field} не подходит для хранения в этой базе); ничего не изменено</translation>
    </message>
</context>
<context>
    <name>services.partners</name>
    <message>
        <location filename="../../services/partners.py" line="68"/>
        <location filename="../../services/partners.py" line="84"/>
        <location filename="../../services/partners.py" line="112"/>
        <location filename="../../services/partners.py" line="146"/>
        <location filename="../../services/partners.py" line="178"/>
        <source>is required</source>
        <translation>обязательно</translation>
    </message>
</context>
<context>
    <name>services.persons</name>
    <message>
        <location filename="../../services/persons.py" line="199"/>
        <source>is not a field of a person</source>
        <translation>не является полем карточки человека</translation>
    </message>
    <message>
        <location filename="../../services/persons.py" line="225"/>
        <source>Case reference {ref!r} is already used by another person.</source>
        <translation>Номер дела {ref!r} уже занят другим человеком.</translation>
    </message>
    <message>
        <location filename="../../services/persons.py" line="276"/>
        <location filename="../../services/persons.py" line="393"/>
        <source>is required (native or Latin)</source>
        <translation>обязательно (на родном языке или латиницей)</translation>
    </message>
    <message>
        <location filename="../../services/persons.py" line="365"/>
        <source>is in the trash; restore it before editing</source>
        <translation>в корзине; восстановите запись, прежде чем править</translation>
    </message>
    <message>
        <location filename="../../services/persons.py" line="368"/>
        <source>was merged into another record and cannot be edited</source>
        <translation>объединена с другой записью, править её нельзя</translation>
    </message>
    <message>
        <location filename="../../services/persons.py" line="385"/>
        <source>cannot be emptied: every person keeps a case reference</source>
        <translation>нельзя очистить: у каждого человека есть номер дела</translation>
    </message>
    <message>
        <location filename="../../services/persons.py" line="496"/>
        <source>is already in the trash</source>
        <translation>уже в корзине</translation>
    </message>
    <message>
        <location filename="../../services/persons.py" line="526"/>
        <source>is not in the trash</source>
        <translation>не в корзине</translation>
    </message>
</context>
<context>
    <name>services.reconcile</name>
    <message>
        <location filename="../../services/reconciling/reconcile.py" line="248"/>
        <source>{ref} {name} is both approved and rejected (rows {rows})</source>
        <translation>{ref} {name} одновременно одобрен(а) и отклонён(а) (строки {rows})</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/reconcile.py" line="252"/>
        <source>{ref} {name} is approved twice in this answer (rows {rows})</source>
        <translation>{ref} {name} одобрен(а) в этом ответе дважды (строки {rows})</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/reconcile.py" line="259"/>
        <source>row {row} names {ref} {name}, who is not on this list; the row will not be applied</source>
        <translation>строка {row} называет {ref} {name}, которого нет в этом списке; строка не будет применена</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/reconcile.py" line="299"/>
        <source>household {household} split: approved {yes}, but not {no} (not on this list: {off})</source>
        <translation>семья {household} разделена: одобрены {yes}, но не {no} (нет в этом списке: {off})</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/reconcile.py" line="302"/>
        <source>household {household} split: approved {yes}, but not {no}</source>
        <translation>семья {household} разделена: одобрены {yes}, но не {no}</translation>
    </message>
</context>
<context>
    <name>services.reconcile_answer</name>
    <message>
        <location filename="../../services/reconciling/answer.py" line="107"/>
        <source>is not a column the answer can have</source>
        <translation>такого столбца в ответе быть не может</translation>
    </message>
</context>
<context>
    <name>services.reconcile_apply</name>
    <message>
        <location filename="../../services/reconciling/apply.py" line="66"/>
        <source>is not a row of this answer</source>
        <translation>нет такой строки в этом ответе</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/apply.py" line="116"/>
        <source>is closed; its answers can no longer change</source>
        <translation>закрыт; ответы по нему больше не меняются</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/apply.py" line="207"/>
        <source>Operation {n} cannot be undone: operation {later} applied answers for the same members after it. Undo operation {later} first. Nothing was undone.</source>
        <translation>Операцию {n} нельзя отменить: операция {later} после неё записала ответы для тех же участников. Сначала отмените операцию {later}. Ничего не отменено.</translation>
    </message>
</context>
<context>
    <name>services.reconcile_report</name>
    <message>
        <location filename="../../services/reconciling/report.py" line="67"/>
        <source>must be an .xlsx workbook (name ending in .xlsx)</source>
        <translation>должен быть книгой .xlsx (имя оканчивается на .xlsx)</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/report.py" line="122"/>
        <source>list &apos;{name}&apos;</source>
        <translation>списком «{name}»</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/report.py" line="123"/>
        <source>the whole roster ({n} persons)</source>
        <translation>всей базой (человек: {n})</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/report.py" line="128"/>
        <source>Partner answer {file} (sheet &apos;{sheet}&apos;, {rows} rows) checked against {against}:</source>
        <translation>Ответ партнёра {file} (лист «{sheet}», строк: {rows}) сверен со {against}:</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/report.py" line="131"/>
        <source>- matched: {matched} ({approved} approved, {rejected} rejected)</source>
        <translation>- сопоставлено: {matched} (одобрено: {approved}, отказано: {rejected})</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/report.py" line="134"/>
        <source>- needs review: {n}</source>
        <translation>- требуют проверки: {n}</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/report.py" line="136"/>
        <source>- not on the roster: {n}</source>
        <translation>- нет в базе: {n}</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/report.py" line="141"/>
        <source>- list members not mentioned: {n}</source>
        <translation>- не упомянуты участники списка: {n}</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/report.py" line="146"/>
        <source>Warnings:</source>
        <translation>Предупреждения:</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/report.py" line="149"/>
        <source>- {n} cells could not be read (see the report)</source>
        <translation>- не удалось прочитать ячеек: {n} (см. отчёт)</translation>
    </message>
    <message>
        <location filename="../../services/reconciling/report.py" line="158"/>
        <source>(rows {numbers})</source>
        <translation>(строки {numbers})</translation>
    </message>
</context>
<context>
    <name>services.recovery</name>
    <message>
        <location filename="../../services/recovery.py" line="53"/>
        <source>{path}: the roster is not encrypted; a recovery key is for an encrypted roster</source>
        <translation>{path}: база не зашифрована; ключ восстановления нужен только зашифрованной базе</translation>
    </message>
    <message>
        <location filename="../../services/recovery.py" line="86"/>
        <source>{path}: the passphrase kept for the recovery key no longer opens the roster (was the file replaced by another roster?); nothing was changed</source>
        <translation>{path}: сохранённая для ключа восстановления парольная фраза больше не открывает базу (файл заменён другой базой?); ничего не изменено</translation>
    </message>
</context>
<context>
    <name>services.retention</name>
    <message>
        <location filename="../../services/retention.py" line="120"/>
        <source>choose at least one state (e.g. evacuated)</source>
        <translation>выберите хотя бы один статус (например, эвакуирован)</translation>
    </message>
    <message>
        <location filename="../../services/retention.py" line="123"/>
        <source>must be a number of days, 0 or more</source>
        <translation>должно быть числом дней, 0 или больше</translation>
    </message>
</context>
<context>
    <name>services.status</name>
    <message>
        <location filename="../../services/status.py" line="82"/>
        <location filename="../../services/status.py" line="110"/>
        <source>is set by merging duplicates, not by hand</source>
        <translation>ставится при объединении дубликатов, а не вручную</translation>
    </message>
    <message>
        <location filename="../../services/status.py" line="114"/>
        <source>names nobody: select persons, a list or a household</source>
        <translation>никого не затрагивает: выберите людей, список или семью</translation>
    </message>
    <message>
        <location filename="../../services/status.py" line="181"/>
        <source>Operation {n} cannot be undone: {refs} changed status since. Nothing was undone.</source>
        <translation>Операцию {n} нельзя отменить: статус {refs} с тех пор менялся. Ничего не отменено.</translation>
    </message>
    <message>
        <location filename="../../services/status.py" line="195"/>
        <source>does not have this person on it; a status change is recorded on a list only for its members</source>
        <translation>этого человека в нём нет; смена статуса записывается в список только для его участников</translation>
    </message>
</context>
<context>
    <name>services.undo</name>
    <message>
        <location filename="../../services/undo.py" line="48"/>
        <source>belongs to a merged record: undo the merge instead</source>
        <translation>относится к объединённой записи: отмените объединение</translation>
    </message>
    <message>
        <location filename="../../services/undo.py" line="67"/>
        <source>has no earlier status to go back to</source>
        <translation>нет прежнего статуса, к которому можно вернуться</translation>
    </message>
</context>
<context>
    <name>storage.backup</name>
    <message>
        <location filename="../../storage/backup.py" line="102"/>
        <source>folder {folder} does not exist: is the USB stick plugged in?</source>
        <translation>папки {folder} нет: вставлена ли флешка?</translation>
    </message>
    <message>
        <location filename="../../storage/backup.py" line="103"/>
        <source>folder {folder} does not exist: is the USB stick plugged in? No backup was written</source>
        <translation>папки {folder} нет: вставлена ли флешка? Резервная копия не записана</translation>
    </message>
    <message>
        <location filename="../../storage/backup.py" line="105"/>
        <source>{path}: already exists and is not a folder; choose a new name or a folder</source>
        <translation>{path}: уже существует и это не папка; выберите другое имя или папку</translation>
    </message>
    <message>
        <location filename="../../storage/backup.py" line="107"/>
        <source>{folder}: the backup folder is read-only (a write-protected USB stick?); no backup was written and the roster is unchanged</source>
        <translation>{folder}: папка резервных копий только для чтения (флешка защищена от записи?); копия не записана, база не изменена</translation>
    </message>
    <message>
        <location filename="../../storage/backup.py" line="110"/>
        <source>{path}: no such backup</source>
        <translation>{path}: такой резервной копии нет</translation>
    </message>
</context>
<context>
    <name>storage.db</name>
    <message>
        <location filename="../../storage/db.py" line="698"/>
        <source>{file} says {operator} on {host} (process {pid}) has been writing since {since} ({age}). {why} It is only a note: if nobody is working on the roster there, it is left over from a program that ended without clearing it, and the next write replaces it</source>
        <translation>В {file} записано, что {operator} на {host} (процесс {pid}) пишет в базу с {since} ({age}). {why} Это лишь отметка: если там с базой никто не работает, она осталась от программы, завершившейся без её удаления, и следующая запись её заменит</translation>
    </message>
    <message>
        <location filename="../../storage/db.py" line="702"/>
        <source>That process no longer runs on this computer.</source>
        <translation>Этот процесс на этом компьютере больше не работает.</translation>
    </message>
    <message>
        <location filename="../../storage/db.py" line="703"/>
        <source>No write lasts that long.</source>
        <translation>Ни одна запись не длится так долго.</translation>
    </message>
</context>
<context>
    <name>storage.recovery</name>
    <message>
        <location filename="../../storage/recovery.py" line="140"/>
        <source>{path}: there is no recovery file beside the roster; a recovery key opens a roster only with it</source>
        <translation>{path}: рядом с базой нет файла восстановления; ключ восстановления открывает базу только вместе с ним</translation>
    </message>
    <message>
        <location filename="../../storage/recovery.py" line="147"/>
        <source>{path}: this recovery key does not open the roster&apos;s recovery file; nothing was changed</source>
        <translation>{path}: этот ключ восстановления не открывает файл восстановления базы; ничего не изменено</translation>
    </message>
    <message>
        <location filename="../../storage/recovery.py" line="186"/>
        <source>{path}: not a recovery file of this program, or damaged</source>
        <translation>{path}: это не файл восстановления этой программы, или он повреждён</translation>
    </message>
</context>
<context>
    <name>system</name>
    <message>
        <location filename="../../system.py" line="82"/>
        <source>{path} is inside a {service} folder: the sync may upload the roster without its latest changes, make conflict copies or move the file off this computer. Keep the roster in a local folder (the default, or Tools &gt; Settings &gt; Default database) and back it up to a USB stick</source>
        <translation>{path} находится в папке {service}: синхронизация может выгрузить базу без последних изменений, создать копии-конфликты или убрать файл с этого компьютера. Держите базу в локальной папке (по умолчанию или Сервис &gt; Настройки &gt; База по умолчанию) и делайте резервные копии на USB-накопитель</translation>
    </message>
    <message>
        <location filename="../../system.py" line="86"/>
        <source>{path} is on a network share ({kind}): the roster uses SQLite&apos;s rollback journal there, which is safe over a network but slower with several workstations; a PostgreSQL server is better for many</source>
        <translation>{path} находится в сетевой папке ({kind}): там база использует журнал отката SQLite — это безопасно в сети, но медленнее при нескольких рабочих местах; для многих лучше сервер PostgreSQL</translation>
    </message>
</context>
</TS>
