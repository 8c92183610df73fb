<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="165"/>
        <source>Person at a partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="175"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="176"/>
        <source>&amp;Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="177"/>
        <source>P&amp;hones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="178"/>
        <source>&amp;E-mails</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DailyChart</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="88"/>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="88"/>
        <source>Crossed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="129"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="132"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="135"/>
        <source>persons on the roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="136"/>
        <source>households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="137"/>
        <source>approved, not yet crossed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="138"/>
        <source>approvals expiring within 2 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="139"/>
        <source>follow-ups due today or overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="140"/>
        <source>in the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="143"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="143"/>
        <location filename="../../ui/pages/dashboard.py" line="145"/>
        <location filename="../../ui/pages/dashboard.py" line="147"/>
        <source>Persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="145"/>
        <source>Locality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="147"/>
        <source>Need</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="149"/>
        <source>By status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="150"/>
        <source>By locality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="151"/>
        <source>Needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="178"/>
        <source>&lt;b&gt;Registrations and crossings per day&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="193"/>
        <source>Counting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../../ui/pages/households.py" line="61"/>
        <source>Find a household: reference or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="66"/>
        <source>&amp;New household…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="69"/>
        <source>Ref</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="69"/>
        <location filename="../../ui/pages/households.py" line="87"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="70"/>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="87"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="88"/>
        <source>Relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="89"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="90"/>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="91"/>
        <source>Citizenship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="106"/>
        <source>Set &amp;relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="108"/>
        <source>Make &amp;head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="110"/>
        <source>Re&amp;move from household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="117"/>
        <source>&amp;Add to household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="135"/>
        <source>Selected member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="143"/>
        <source>Add a person:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="145"/>
        <source>as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="187"/>
        <source>No household chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="222"/>
        <source>New household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/households.py" line="222"/>
        <source>Family name of the household:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="11"/>
        <source>registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="12"/>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="13"/>
        <source>submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="14"/>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15"/>
        <source>crossed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>evacuated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>medical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>reduced mobility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>pregnant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>unaccompanied minor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="27"/>
        <source>infant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="28"/>
        <source>child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>elderly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>spouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>sibling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>grandchild</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>grandparent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>other relative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>messenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>ministry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>border authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>international organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>embassy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51"/>
        <source>airline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="53"/>
        <source>draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="54"/>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="55"/>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="56"/>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListsPage</name>
    <message>
        <location filename="../../ui/pages/lists.py" line="79"/>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="79"/>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="80"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="80"/>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="81"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="81"/>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="82"/>
        <location filename="../../ui/pages/lists.py" line="110"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="82"/>
        <location filename="../../ui/pages/lists.py" line="108"/>
        <source>Crossed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="92"/>
        <source>&amp;New list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="94"/>
        <source>Mark &amp;sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="104"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="104"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="105"/>
        <source>Name as in passport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="106"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="106"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="107"/>
        <source>Valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="109"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="121"/>
        <source>Add roster &amp;selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="123"/>
        <source>Add everyone the roster &amp;filter shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="127"/>
        <source>Household ref, e.g. H-00012</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="128"/>
        <source>Add &amp;household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="131"/>
        <source>&amp;Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="142"/>
        <source>Record &amp;answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="144"/>
        <source>Record &amp;crossing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="168"/>
        <source>Selected members:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="170"/>
        <source>valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="220"/>
        <source>No list yet: create one with New list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="225"/>
        <source>no partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="283"/>
        <source>No household %1 on this roster.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="99"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="100"/>
        <source>Roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101"/>
        <source>Households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="102"/>
        <source>Evacuation lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103"/>
        <source>Partners and liaison log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>Trash and audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>&amp;Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>&amp;Lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>E&amp;xchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <source>&amp;New roster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193"/>
        <source>&amp;Open roster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199"/>
        <source>Fill with &amp;demonstration data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="219"/>
        <source>&amp;New person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="221"/>
        <source>&amp;Edit person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223"/>
        <source>Change &amp;status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225"/>
        <source>Add to &amp;list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="227"/>
        <source>&amp;Log a contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>Move to &amp;trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="232"/>
        <source>Ne&amp;xt person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="234"/>
        <source>Pre&amp;vious person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="246"/>
        <source>&amp;New list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="254"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="258"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260"/>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Save the person (in the editor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>Save and open the next / previous person (in the editor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="297"/>
        <source>Save a liaison log entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>%1   ·   operator: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329"/>
        <source>New roster database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="330"/>
        <source>Roster databases (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333"/>
        <source>%1 already exists; use Open to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="339"/>
        <source>Open roster database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="340"/>
        <source>Roster databases (*.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="353"/>
        <source>Demonstration data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="354"/>
        <source>Households to invent (about 3.6 persons each):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="367"/>
        <source>Added %1 persons in %2 households.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="372"/>
        <source>Filling with demonstration data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="458"/>
        <source>Move to trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="459"/>
        <source>Move %n person(s) to the trash? They can be restored from the trash (or with Undo).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="463"/>
        <source>Move %n person(s) to the trash</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="483"/>
        <source>There is no open evacuation list yet: create one on the Evacuation lists page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="487"/>
        <source>Add to list</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="488"/>
        <source>Add %n person(s) to the list:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="498"/>
        <source>%1 added to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="533"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="534"/>
        <source>The new language applies when the window is opened again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="540"/>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="548"/>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="550"/>
        <source>An offline evacuation roster for consular missions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewListDialog</name>
    <message>
        <location filename="../../ui/pages/lists.py" line="47"/>
        <source>New evacuation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="50"/>
        <source>(no partner yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="57"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/lists.py" line="58"/>
        <source>&amp;Partner</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrganizationDialog</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="138"/>
        <source>Partner organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="152"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="153"/>
        <source>&amp;Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="154"/>
        <source>&amp;Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="155"/>
        <source>N&amp;otes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartnersPage</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="199"/>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="199"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="200"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="204"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="204"/>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="205"/>
        <source>Phones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="206"/>
        <source>E-mails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="209"/>
        <source>Add &amp;organization…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="211"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="214"/>
        <source>Add &amp;person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="216"/>
        <source>Edi&amp;t…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="221"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="221"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="222"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="223"/>
        <location filename="../../ui/pages/partners.py" line="233"/>
        <source>With</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="224"/>
        <location filename="../../ui/pages/partners.py" line="234"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="224"/>
        <source>Follow up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="229"/>
        <source>&amp;Log a contact…  (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="232"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="235"/>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="239"/>
        <source>Mark &amp;done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="246"/>
        <source>&lt;b&gt;Partner organizations&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="253"/>
        <source>&lt;b&gt;People there&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="270"/>
        <source>&lt;b&gt;Liaison log&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="308"/>
        <source>&lt;b&gt;Follow-ups due today or overdue: %1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <location filename="../../ui/person_picker.py" line="27"/>
        <source>Find a person: name, case ref, passport…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QMainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="593"/>
        <source>Who is working?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="594"/>
        <source>Your name (it goes into the audit trail with every change you make):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickLogDialog</name>
    <message>
        <location filename="../../ui/pages/partners.py" line="54"/>
        <source>Log a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="62"/>
        <source>What was said or agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="65"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="70"/>
        <source>or the name of whoever you spoke to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="74"/>
        <source>&amp;Follow up on</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/partners.py" line="85"/>
        <source>About %n person(s) selected in the roster</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="96"/>
        <source>&amp;Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="97"/>
        <source>&amp;Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="98"/>
        <source>Person &amp;there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="100"/>
        <source>&amp;Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/partners.py" line="110"/>
        <source>(nobody named)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterColumns</name>
    <message>
        <location filename="../../ui/roster_model.py" line="61"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="63"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="66"/>
        <source>Name as in passport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="68"/>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="70"/>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="71"/>
        <source>Citizenship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="73"/>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="74"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="76"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="78"/>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="79"/>
        <source>Relation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="81"/>
        <source>Locality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="83"/>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_model.py" line="84"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../ui/roster_page.py" line="57"/>
        <source>Search: name in any script, case ref, passport or phone  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="59"/>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="63"/>
        <source>Any list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="64"/>
        <source>Any citizenship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="65"/>
        <source>Any locality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="67"/>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="71"/>
        <location filename="../../ui/roster_page.py" line="188"/>
        <source>Needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="82"/>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/roster_page.py" line="127"/>
        <source>Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/roster_page.py" line="213"/>
        <source>%n person(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="38"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="46"/>
        <source>ISO code, e.g. EGY: phones without + are from there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="52"/>
        <source>roster.db in your user data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="53"/>
        <location filename="../../ui/settings_dialog.py" line="57"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="56"/>
        <source>beside the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="64"/>
        <source>Your &amp;name (audit trail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="65"/>
        <source>&amp;Mission name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="66"/>
        <source>Host &amp;country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="68"/>
        <source>&amp;Default database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="69"/>
        <source>&amp;Backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="70"/>
        <source>A new language applies when the window is opened again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="86"/>
        <source>Default database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="87"/>
        <source>Roster databases (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="94"/>
        <source>Backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="103"/>
        <source>your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="103"/>
        <source>is required: it goes into the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrashAuditPage</name>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="48"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="48"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="49"/>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="50"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="57"/>
        <source>&amp;Restore selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="69"/>
        <source>Case ref or UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="71"/>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="74"/>
        <source>&amp;More…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="77"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="77"/>
        <location filename="../../ui/pages/trash_audit.py" line="102"/>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="78"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="78"/>
        <location filename="../../ui/pages/trash_audit.py" line="103"/>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="79"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="93"/>
        <source>&lt;b&gt;Trash&lt;/b&gt; — persons moved to the trash can be restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="100"/>
        <source>&lt;b&gt;Audit trail&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="102"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="103"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="135"/>
        <source>anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/trash_audit.py" line="166"/>
        <source>%1 entries shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
