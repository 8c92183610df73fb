<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../ui/export_dialog.py" line="206"/>
        <source>The %n selected person(s)</source>
        <translation>
            <numerusform>The %n selected person</numerusform>
            <numerusform>The %n selected persons</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../ui/main_window/frame.py" line="878"/>
        <source>Move %n person(s) to the trash? They can be restored from the trash (or with Undo).</source>
        <translation>
            <numerusform>Move %n person to the trash? They can be restored from the trash (or with Undo).</numerusform>
            <numerusform>Move %n persons to the trash? They can be restored from the trash (or with Undo).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window/frame.py" line="900"/>
        <source>Move %n person(s) to the trash</source>
        <translation>
            <numerusform>Move %n person to the trash</numerusform>
            <numerusform>Move %n persons to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window/frame.py" line="938"/>
        <source>Add %n person(s) to the list:</source>
        <translation>
            <numerusform>Add %n person to the list:</numerusform>
            <numerusform>Add %n persons to the list:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuickLogDialog</name>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="97"/>
        <source>About %n person(s) selected in the roster</source>
        <translation>
            <numerusform>About %n person selected in the roster</numerusform>
            <numerusform>About %n persons selected in the roster</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message numerus="yes">
        <location filename="../../ui/roster_page.py" line="354"/>
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n persons</numerusform>
        </translation>
    </message>
</context>
</TS>
