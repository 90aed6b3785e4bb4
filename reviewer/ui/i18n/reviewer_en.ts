<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AcceptancePage</name>
    <message>
        <location filename="../wizard/acceptance.py" line="151"/>
        <source>Acceptance</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="186"/>
        <source>No receipt registered yet. Register the day the application was received: the 5-working-day clock of the correction notice starts then (令第31号 第十四条), and the materials checklist is kept.</source>
        <translation>No receipt registered yet. Register the day the application was received: the 5-working-day clock of the correction notice starts then (令第31号 第十四条), and the materials checklist is kept.</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="193"/>
        <source>Received %1; correction notice due %2.</source>
        <translation>Received %1; correction notice due %2.</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="198"/>
        <source>Next deadline: %1</source>
        <translation>Next deadline: %1</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="200"/>
        <source>Drop a file onto an item to attach it.</source>
        <translation>Drop a file onto an item to attach it.</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="239"/>
        <source>Receipt registered on %1.</source>
        <translation>Receipt registered on %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/acceptance.py" line="247"/>
        <source>%n item(s) are still missing. 令第31号 第十四条 accepts complete materials; record the acceptance anyway?</source>
        <translation>
            <numerusform>%n item is still missing. 令第31号 第十四条 accepts complete materials; record the acceptance anyway?</numerusform>
            <numerusform>%n items are still missing. 令第31号 第十四条 accepts complete materials; record the acceptance anyway?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="255"/>
        <source>Accepted on %1.</source>
        <translation>Accepted on %1.</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="266"/>
        <source>Attached: </source>
        <translation>Attached: </translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="276"/>
        <source>Correction notice for project %1</source>
        <translation>Correction notice for project %1</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="277"/>
        <source>The following is missing from the submission and must be supplied in one go:</source>
        <translation>The following is missing from the submission and must be supplied in one go:</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="287"/>
        <source>The submission is complete; the review can proceed.</source>
        <translation>The submission is complete; the review can proceed.</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/acceptance.py" line="290"/>
        <source>%n item(s) missing.</source>
        <translation>
            <numerusform>%n item missing.</numerusform>
            <numerusform>%n items missing.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="295"/>
        <source>Correction notice already issued (one-time)</source>
        <translation>Correction notice already issued (one-time)</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="387"/>
        <source>Correction notice</source>
        <translation>Correction notice</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="428"/>
        <source>Correction notice %1 issued and archived.</source>
        <translation>Correction notice %1 issued and archived.</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="246"/>
        <location filename="../wizard/acceptance.py" line="439"/>
        <source>Incomplete submission</source>
        <translation>Incomplete submission</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="297"/>
        <source>Sign and issue the one-time &amp;correction notice</source>
        <translation>Sign and issue the one-time &amp;correction notice</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="307"/>
        <source>Correction notice %1 (signed by %2).</source>
        <translation>Correction notice %1 (signed by %2).</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="309"/>
        <source>Correction notice %1 — NOT signed.</source>
        <translation>Correction notice %1 — NOT signed.</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="313"/>
        <source>Correction notice %1 issued on %2 (signed).</source>
        <translation>Correction notice %1 issued on %2 (signed).</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="314"/>
        <source>Correction notice %1 issued on %2 — NOT signed.</source>
        <translation>Correction notice %1 issued on %2 — NOT signed.</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="335"/>
        <source>The certificate is ready; enter its passphrase to sign.</source>
        <translation>The certificate is ready; enter its passphrase to sign.</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="349"/>
        <source>Save the correction notice</source>
        <translation>Save the correction notice</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="350"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="359"/>
        <source>Saved %1.</source>
        <translation>Saved %1.</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="373"/>
        <source>No signing certificate is set up, so the notice cannot be signed. Create or import one, or issue the notice explicitly unsigned.</source>
        <translation>No signing certificate is set up, so the notice cannot be signed. Create or import one, or issue the notice explicitly unsigned.</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="379"/>
        <source>Enter the certificate&apos;s passphrase to sign.</source>
        <translation>Enter the certificate&apos;s passphrase to sign.</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/acceptance.py" line="382"/>
        <source>The correction notice can be issued only once. Sign and issue it now listing %n item(s)?</source>
        <translation>
            <numerusform>The correction notice can be issued only once. Sign and issue it now listing %n item?</numerusform>
            <numerusform>The correction notice can be issued only once. Sign and issue it now listing %n items?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/acceptance.py" line="385"/>
        <source>The notice will be archived NOT signed (no certificate). It can be issued only once. Issue it unsigned now listing %n item(s)?</source>
        <translation>
            <numerusform>The notice will be archived NOT signed (no certificate). It can be issued only once. Issue it unsigned now listing %n item?</numerusform>
            <numerusform>The notice will be archived NOT signed (no certificate). It can be issued only once. Issue it unsigned now listing %n items?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="405"/>
        <source>Signing and archiving…</source>
        <translation>Signing and archiving…</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/acceptance.py" line="440"/>
        <source>%n item(s) are missing and no correction notice was issued. Review it anyway?</source>
        <translation>
            <numerusform>%n item are missing and no correction notice was issued. Review it anyway?</numerusform>
            <numerusform>%n items are missing and no correction notice was issued. Review it anyway?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="450"/>
        <source>Check that the submission is complete. Everything missing is listed in one correction notice (令第31号: one-time notification).</source>
        <translation>Check that the submission is complete. Everything missing is listed in one correction notice (令第31号: one-time notification).</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="452"/>
        <source>Data items of the submission</source>
        <translation>Data items of the submission</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="453"/>
        <source>Statutory materials (令第31号 第十二条)</source>
        <translation>Statutory materials (令第31号 第十二条)</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="454"/>
        <source>Date:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="455"/>
        <source>Register &amp;receipt</source>
        <translation>Register &amp;receipt</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="456"/>
        <source>Record &amp;acceptance (受理)</source>
        <translation>Record &amp;acceptance (受理)</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="457"/>
        <source>Certificate passphrase:</source>
        <translation>Certificate passphrase:</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="458"/>
        <source>No certificate yet: create or import…</source>
        <translation>No certificate yet: create or import…</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="459"/>
        <source>Issue UNSIGNED (not signed)…</source>
        <translation>Issue UNSIGNED (not signed)…</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="460"/>
        <source>Save &amp;PDF…</source>
        <translation>Save &amp;PDF…</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../widgets.py" line="81"/>
        <source>No data</source>
        <translation>No data</translation>
    </message>
</context>
<context>
    <name>BatchImportDialog</name>
    <message>
        <location filename="../import_dialog.py" line="135"/>
        <source>Add submission files</source>
        <translation>Add submission files</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="136"/>
        <source>Submissions (*.xlsx *.xlsm *.json)</source>
        <translation>Submissions (*.xlsx *.xlsm *.json)</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="140"/>
        <source>Add a folder of submissions</source>
        <translation>Add a folder of submissions</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="181"/>
        <source>Cancelling after the current file…</source>
        <translation>Cancelling after the current file…</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="186"/>
        <source>Importing %1 (%2 of %3)…</source>
        <translation>Importing %1 (%2 of %3)…</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="204"/>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="205"/>
        <source>Finished.</source>
        <translation>Finished.</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="265"/>
        <source>Import submissions</source>
        <translation>Import submissions</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="266"/>
        <source>Files and folders to import (drop them on the main window, or add them here):</source>
        <translation>Files and folders to import (drop them on the main window, or add them here):</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="267"/>
        <source>Add &amp;files…</source>
        <translation>Add &amp;files…</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="268"/>
        <source>Add f&amp;older…</source>
        <translation>Add f&amp;older…</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="269"/>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="270"/>
        <source>&amp;Start import</source>
        <translation>&amp;Start import</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="271"/>
        <source>&amp;Cancel import</source>
        <translation>&amp;Cancel import</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="272"/>
        <source>Clos&amp;e</source>
        <translation>Clos&amp;e</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="273"/>
        <source>Open &amp;annotated workbook</source>
        <translation>Open &amp;annotated workbook</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="274"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="274"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="275"/>
        <source>Project code</source>
        <translation>Project code</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="275"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="276"/>
        <source>Errors</source>
        <translation>Errors</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="276"/>
        <source>Annotated copy</source>
        <translation>Annotated copy</translation>
    </message>
</context>
<context>
    <name>CarbonPage</name>
    <message>
        <location filename="../wizard/carbon.py" line="94"/>
        <source>Carbon emissions</source>
        <translation>Carbon emissions</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="126"/>
        <source>not assessed</source>
        <translation>not assessed</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="127"/>
        <source>The rule engine has not produced a carbon section for this submission.</source>
        <translation>The rule engine has not produced a carbon section for this submission.</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="137"/>
        <location filename="../wizard/carbon.py" line="158"/>
        <source>Fuel combustion</source>
        <translation>Fuel combustion</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="137"/>
        <location filename="../wizard/carbon.py" line="158"/>
        <source>Process</source>
        <translation>Process</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="138"/>
        <location filename="../wizard/carbon.py" line="159"/>
        <source>Purchased electricity</source>
        <translation>Purchased electricity</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="138"/>
        <location filename="../wizard/carbon.py" line="159"/>
        <source>Purchased heat</source>
        <translation>Purchased heat</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="142"/>
        <source>Emissions by source</source>
        <translation>Emissions by source</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="168"/>
        <source>Boundary and emission factors</source>
        <translation>Boundary and emission factors</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="169"/>
        <source>&amp;Electricity factor:</source>
        <translation>&amp;Electricity factor:</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="170"/>
        <source>&amp;Heat factor:</source>
        <translation>&amp;Heat factor:</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="171"/>
        <source>F&amp;uel factor set:</source>
        <translation>F&amp;uel factor set:</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="172"/>
        <source>Purchased green power counted at zero (沪环气候〔2023〕89号)</source>
        <translation>Purchased green power counted at zero (沪环气候〔2023〕89号)</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="173"/>
        <source>Feedstock use excluded from combustion emissions</source>
        <translation>Feedstock use excluded from combustion emissions</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="174"/>
        <source>This rule-engine version does not accept reviewer choices; its defaults apply and are recorded in the result.</source>
        <translation>This rule-engine version does not accept reviewer choices; its defaults apply and are recorded in the result.</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="176"/>
        <source>Total emissions</source>
        <translation>Total emissions</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="177"/>
        <source>Direct (scope 1)</source>
        <translation>Direct (scope 1)</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="178"/>
        <source>Indirect (scope 2)</source>
        <translation>Indirect (scope 2)</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="179"/>
        <source>Sensitivity to the electricity factor</source>
        <translation>Sensitivity to the electricity factor</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="180"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="180"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="181"/>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="181"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="182"/>
        <source>Factor</source>
        <translation>Factor</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="182"/>
        <source>Factor unit</source>
        <translation>Factor unit</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="183"/>
        <source>tCO₂</source>
        <translation>tCO₂</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="185"/>
        <source>Electricity factor basis</source>
        <translation>Electricity factor basis</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="184"/>
        <source>tCO₂/MWh</source>
        <translation>tCO₂/MWh</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="184"/>
        <source>Electricity tCO₂</source>
        <translation>Electricity tCO₂</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="185"/>
        <source>Total tCO₂</source>
        <translation>Total tCO₂</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../case_panel.py" line="593"/>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="594"/>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="374"/>
        <source> — OVERDUE</source>
        <translation> — OVERDUE</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="31"/>
        <source>Awaiting acceptance</source>
        <translation>Awaiting acceptance</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="32"/>
        <source>Correction requested</source>
        <translation>Correction requested</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="33"/>
        <source>In review</source>
        <translation>In review</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="34"/>
        <source>Expert review</source>
        <translation>Expert review</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="35"/>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="36"/>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="37"/>
        <source>Completion accepted</source>
        <translation>Completion accepted</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="38"/>
        <source>Lapsed</source>
        <translation>Lapsed</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="118"/>
        <source> (unverified)</source>
        <translation> (unverified)</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="120"/>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="335"/>
        <source>No receipt registered for this project yet: register the day the application was received to start the statutory clock.</source>
        <translation>No receipt registered for this project yet: register the day the application was received to start the statutory clock.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="337"/>
        <source>Select a project to see its case file.</source>
        <translation>Select a project to see its case file.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="353"/>
        <source>No energy report attached: the structure check (令第31号 第十二条) runs when it is.</source>
        <translation>No energy report attached: the structure check (令第31号 第十二条) runs when it is.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="356"/>
        <source>Energy report lacks (veto item): </source>
        <translation>Energy report lacks (veto item): </translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="359"/>
        <source>Energy report: all seven parts of 令第31号 第十二条 found.</source>
        <translation>Energy report: all seven parts of 令第31号 第十二条 found.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="374"/>
        <source> — due soon</source>
        <translation> — due soon</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="376"/>
        <source>Correction notice due</source>
        <translation>Correction notice due</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="376"/>
        <source>Acceptance due</source>
        <translation>Acceptance due</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="377"/>
        <source>Decision due</source>
        <translation>Decision due</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="380"/>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="387"/>
        <source>Decision clock stopped: expert review running (行政许可法 第四十五条)</source>
        <translation>Decision clock stopped: expert review running (行政许可法 第四十五条)</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="393"/>
        <source>Counts as accepted from %1 (not told in time; 令第31号 第十四条).</source>
        <translation>Counts as accepted from %1 (not told in time; 令第31号 第十四条).</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="396"/>
        <source>%1 working days of expert review not counted.</source>
        <translation>%1 working days of expert review not counted.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="399"/>
        <source>Time limit extended by 10 working days.</source>
        <translation>Time limit extended by 10 working days.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="401"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="432"/>
        <source>The office&apos;s list of reviewing bodies is empty: add one with `reviewer case bodies add NAME`.</source>
        <translation>The office&apos;s list of reviewing bodies is empty: add one with `reviewer case bodies add NAME`.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="435"/>
        <source>Expert review by %1 since %2; the decision clock is stopped.</source>
        <translation>Expert review by %1 since %2; the decision clock is stopped.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="440"/>
        <source>Review opinion of %1 returned on %2: %3</source>
        <translation>Review opinion of %1 returned on %2: %3</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="444"/>
        <source>The expert review is commissioned after acceptance (令第31号 第十五条).</source>
        <translation>The expert review is commissioned after acceptance (令第31号 第十五条).</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="446"/>
        <source>Not commissioned yet.</source>
        <translation>Not commissioned yet.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="463"/>
        <location filename="../case_panel.py" line="613"/>
        <source>Select a PDF attachment to preview it.</source>
        <translation>Select a PDF attachment to preview it.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="467"/>
        <source>%1 is not a PDF: open it with its application or save it.</source>
        <translation>%1 is not a PDF: open it with its application or save it.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="476"/>
        <source>%1 — %2 page(s)</source>
        <translation>%1 — %2 page(s)</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="478"/>
        <source>The PDF could not be displayed.</source>
        <translation>The PDF could not be displayed.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="489"/>
        <source>Cannot read or write the file: </source>
        <translation>Cannot read or write the file: </translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="500"/>
        <source>Receipt registered on %1.</source>
        <translation>Receipt registered on %1.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="512"/>
        <source>Attach a file</source>
        <translation>Attach a file</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="513"/>
        <location filename="../case_panel.py" line="559"/>
        <source>Documents (*.pdf *.docx *.xlsx *.ofd *.png *.jpg *.jpeg)</source>
        <translation>Documents (*.pdf *.docx *.xlsx *.ofd *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="549"/>
        <source>Save attachment as</source>
        <translation>Save attachment as</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="554"/>
        <source>Saved %1 (%2).</source>
        <translation>Saved %1 (%2).</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="558"/>
        <source>Review opinion file</source>
        <translation>Review opinion file</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="566"/>
        <source>Expert review commissioned from %1 on %2.</source>
        <translation>Expert review commissioned from %1 on %2.</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="581"/>
        <source>Review opinion of %1 recorded (returned %2).</source>
        <translation>Review opinion of %1 recorded (returned %2).</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="592"/>
        <source>Materials (令第31号 第十二条; drop a file onto an item)</source>
        <translation>Materials (令第31号 第十二条; drop a file onto an item)</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="595"/>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="596"/>
        <source>Expert review (令第31号 第十五条)</source>
        <translation>Expert review (令第31号 第十五条)</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="597"/>
        <source>Received on:</source>
        <translation>Received on:</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="598"/>
        <source>Register &amp;receipt</source>
        <translation>Register &amp;receipt</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="599"/>
        <source>Attach a file to the selected item…</source>
        <translation>Attach a file to the selected item…</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="600"/>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="601"/>
        <source>Save &amp;as…</source>
        <translation>Save &amp;as…</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="602"/>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="603"/>
        <source>Commission</source>
        <translation>Commission</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="604"/>
        <source>Record the returned review</source>
        <translation>Record the returned review</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="605"/>
        <source>Reviewing body</source>
        <translation>Reviewing body</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="606"/>
        <source>Commissioned on</source>
        <translation>Commissioned on</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="607"/>
        <source>Returned on</source>
        <translation>Returned on</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="608"/>
        <source>Review opinion (评审意见)</source>
        <translation>Review opinion (评审意见)</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="609"/>
        <source>Conclusions</source>
        <translation>Conclusions</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="610"/>
        <source>Recommended energy, calorific value</source>
        <translation>Recommended energy, calorific value</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="611"/>
        <source>Recommended energy, equivalent value</source>
        <translation>Recommended energy, equivalent value</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="506"/>
        <source>Attached: </source>
        <translation>Attached: </translation>
    </message>
</context>
<context>
    <name>ConclusionPage</name>
    <message>
        <location filename="../wizard/conclusion.py" line="75"/>
        <source>Conclusion</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="125"/>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="126"/>
        <source>&amp;Approve (通过)</source>
        <translation>&amp;Approve (通过)</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="127"/>
        <source>Re&amp;ject (不予通过)</source>
        <translation>Re&amp;ject (不予通过)</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="128"/>
        <source>&amp;Conditions (approval) or reasons (rejection), one per line:</source>
        <translation>&amp;Conditions (approval) or reasons (rejection), one per line:</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="129"/>
        <source>Binding caps written into the opinion</source>
        <translation>Binding caps written into the opinion</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="130"/>
        <source>The caps are the assessed figures. To change them, correct the energy consumption step; the corrected submission is archived as a new version.</source>
        <translation>The caps are the assessed figures. To change them, correct the energy consumption step; the corrected submission is archived as a new version.</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="132"/>
        <source>Annual energy, calorific value (tce)</source>
        <translation>Annual energy, calorific value (tce)</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="133"/>
        <source>Annual energy, equivalent value (tce)</source>
        <translation>Annual energy, equivalent value (tce)</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="134"/>
        <source>Carbon emissions (tCO₂)</source>
        <translation>Carbon emissions (tCO₂)</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="134"/>
        <source>Coal consumption (t)</source>
        <translation>Coal consumption (t)</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../dialogs.py" line="35"/>
        <source>Cannot continue</source>
        <translation>Cannot continue</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="38"/>
        <source>Internal error</source>
        <translation>Internal error</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="39"/>
        <source>The operation did not complete because of an internal error. Nothing was saved half-way.</source>
        <translation>The operation did not complete because of an internal error. Nothing was saved half-way.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="40"/>
        <source>Error type: %1
Details were written to the log: %2</source>
        <translation>Error type: %1
Details were written to the log: %2</translation>
    </message>
</context>
<context>
    <name>EnergyDelegate</name>
    <message>
        <location filename="../wizard/energy.py" line="240"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="243"/>
        <source>(blank)</source>
        <translation>(blank)</translation>
    </message>
</context>
<context>
    <name>EnergyItemsModel</name>
    <message>
        <location filename="../wizard/energy.py" line="145"/>
        <source>Calorific value (tce)</source>
        <translation>Calorific value (tce)</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="147"/>
        <source>Equivalent value (tce)</source>
        <translation>Equivalent value (tce)</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="182"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
</context>
<context>
    <name>EnergyPage</name>
    <message>
        <location filename="../wizard/energy.py" line="336"/>
        <source>Energy consumption</source>
        <translation>Energy consumption</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="359"/>
        <source>Corrected by the reviewer; stored as a new submission version when the review is saved.</source>
        <translation>Corrected by the reviewer; stored as a new submission version when the review is saved.</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="413"/>
        <source>Correct the applicant&apos;s figures where the review finds them wrong. Totals update as you type; click a figure to see how it was computed. Items in brackets are shown but not counted.</source>
        <translation>Correct the applicant&apos;s figures where the review finds them wrong. Totals update as you type; click a figure to see how it was computed. Items in brackets are shown but not counted.</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="416"/>
        <source>&amp;Add row</source>
        <translation>&amp;Add row</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="417"/>
        <source>Re&amp;move row</source>
        <translation>Re&amp;move row</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="418"/>
        <source>Reset to the applicant&apos;s figures</source>
        <translation>Reset to the applicant&apos;s figures</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="419"/>
        <source>Annual energy, calorific value (当量值)</source>
        <translation>Annual energy, calorific value (当量值)</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="420"/>
        <source>Annual energy, equivalent value (等价值)</source>
        <translation>Annual energy, equivalent value (等价值)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../first_run.py" line="29"/>
        <source>district</source>
        <translation>district</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="30"/>
        <source>municipal</source>
        <translation>municipal</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="31"/>
        <source>provincial</source>
        <translation>provincial</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="32"/>
        <source>national</source>
        <translation>national</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="158"/>
        <source>Signing certificate</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="158"/>
        <source>First run</source>
        <translation>First run</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="167"/>
        <source>Use {prefix} {year} {n}</source>
        <translation>Use {prefix} {year} {n}</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="173"/>
        <source>Office</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="175"/>
        <source>Issuing authority:</source>
        <translation>Issuing authority:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="176"/>
        <source>Office level:</source>
        <translation>Office level:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="177"/>
        <source>Number prefix:</source>
        <translation>Number prefix:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="178"/>
        <source>Number pattern:</source>
        <translation>Number pattern:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="179"/>
        <source>Time zone:</source>
        <translation>Time zone:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="180"/>
        <source>Reviewer name:</source>
        <translation>Reviewer name:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="183"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="184"/>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="188"/>
        <source>Welcome. Set the office and a signing certificate; then opinions can be signed in the app.</source>
        <translation>Welcome. Set the office and a signing certificate; then opinions can be signed in the app.</translation>
    </message>
</context>
<context>
    <name>ImportStatus</name>
    <message>
        <location filename="../import_dialog.py" line="33"/>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="34"/>
        <source>New version</source>
        <translation>New version</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="35"/>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="36"/>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="37"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="38"/>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="39"/>
        <source>Not found</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>IssuePage</name>
    <message>
        <location filename="../wizard/issue.py" line="95"/>
        <source>Issue the opinion</source>
        <translation>Issue the opinion</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="114"/>
        <source>The certificate is ready; enter its passphrase to sign.</source>
        <translation>The certificate is ready; enter its passphrase to sign.</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="126"/>
        <source>Issued and archived as %1.</source>
        <translation>Issued and archived as %1.</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="129"/>
        <source>Signing certificate</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="130"/>
        <source>PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="149"/>
        <source>Rendering the opinion…</source>
        <translation>Rendering the opinion…</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/issue.py" line="161"/>
        <source>Preview of the unsigned draft (%n page(s)). Check it, then sign.</source>
        <translation>
            <numerusform>Preview of the unsigned draft (%n page). Check it, then sign.</numerusform>
            <numerusform>Preview of the unsigned draft (%n pages). Check it, then sign.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="162"/>
        <source>The preview could not be shown.</source>
        <translation>The preview could not be shown.</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="170"/>
        <source>No signing certificate yet: create or import one.</source>
        <translation>No signing certificate yet: create or import one.</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="174"/>
        <source>Enter the certificate&apos;s passphrase to sign.</source>
        <translation>Enter the certificate&apos;s passphrase to sign.</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="178"/>
        <source>Signing and archiving…</source>
        <translation>Signing and archiving…</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="208"/>
        <source>&amp;Preview</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="209"/>
        <source>&amp;Sign and archive</source>
        <translation>&amp;Sign and archive</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="210"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="211"/>
        <source>Certificate (PKCS#12):</source>
        <translation>Certificate (PKCS#12):</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="212"/>
        <source>Pass&amp;phrase:</source>
        <translation>Pass&amp;phrase:</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="213"/>
        <source>Confirm authority (reason):</source>
        <translation>Confirm authority (reason):</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="214"/>
        <source>Confirm unverified parameters (reason):</source>
        <translation>Confirm unverified parameters (reason):</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="215"/>
        <source>Needed when the competent body rests on an unverified threshold</source>
        <translation>Needed when the competent body rests on an unverified threshold</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="216"/>
        <source>Needed when the preview lists unverified parameters</source>
        <translation>Needed when the preview lists unverified parameters</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="217"/>
        <source>No certificate yet: create or import…</source>
        <translation>No certificate yet: create or import…</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location filename="../first_run.py" line="224"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="224"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="225"/>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="225"/>
        <source>Issuer</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="226"/>
        <source>In use</source>
        <translation>In use</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="235"/>
        <source>Signing certificates</source>
        <translation>Signing certificates</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="242"/>
        <source>Issue…</source>
        <translation>Issue…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="243"/>
        <source>Import…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="244"/>
        <source>Use for signing</source>
        <translation>Use for signing</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="245"/>
        <source>Revoke…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="270"/>
        <source>office CA</source>
        <translation>office CA</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="270"/>
        <source>external</source>
        <translation>external</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="271"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="275"/>
        <source>SHA-256 fingerprint: </source>
        <translation>SHA-256 fingerprint: </translation>
    </message>
    <message>
        <location filename="../first_run.py" line="311"/>
        <source>Issue a certificate</source>
        <translation>Issue a certificate</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="317"/>
        <source>Reviewer name:</source>
        <translation>Reviewer name:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="318"/>
        <source>Office CA passphrase:</source>
        <translation>Office CA passphrase:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="335"/>
        <source>Import a certificate</source>
        <translation>Import a certificate</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="338"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="338"/>
        <source>Passphrase:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="357"/>
        <source>Revoke</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="358"/>
        <source>Reason to revoke %1 (signed documents still verify):</source>
        <translation>Reason to revoke %1 (signed documents still verify):</translation>
    </message>
</context>
<context>
    <name>KeysSection</name>
    <message>
        <location filename="../first_run.py" line="76"/>
        <source>Signing certificate</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="77"/>
        <source>Create the office CA and my certificate</source>
        <translation>Create the office CA and my certificate</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="79"/>
        <source>Import an existing PKCS#12 file</source>
        <translation>Import an existing PKCS#12 file</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="88"/>
        <source>Office CA passphrase:</source>
        <translation>Office CA passphrase:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="91"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="95"/>
        <source>The passphrase is never stored; you enter it when signing. A lost passphrase cannot be recovered, only a new certificate issued.</source>
        <translation>The passphrase is never stored; you enter it when signing. A lost passphrase cannot be recovered, only a new certificate issued.</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="97"/>
        <source> (An office CA exists: enter its passphrase.)</source>
        <translation> (An office CA exists: enter its passphrase.)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="98"/>
        <source> (The new CA and certificate share this passphrase.)</source>
        <translation> (The new CA and certificate share this passphrase.)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="112"/>
        <source>File:</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="113"/>
        <source>Passphrase:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="128"/>
        <source>Choose a certificate</source>
        <translation>Choose a certificate</translation>
    </message>
</context>
<context>
    <name>LedgerDashboard</name>
    <message>
        <location filename="../ledger_dashboard.py" line="40"/>
        <source>District energy and carbon ledger</source>
        <translation>District energy and carbon ledger</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="41"/>
        <source>Commissioning year</source>
        <translation>Commissioning year</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="42"/>
        <source>Metric</source>
        <translation>Metric</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="43"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="44"/>
        <source>As of %s</source>
        <translation>As of %s</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="45"/>
        <source>Energy increment, calorific (tce)</source>
        <translation>Energy increment, calorific (tce)</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="46"/>
        <source>Energy increment, primary (tce)</source>
        <translation>Energy increment, primary (tce)</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="47"/>
        <source>Carbon increment (tCO2)</source>
        <translation>Carbon increment (tCO2)</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="48"/>
        <source>District by commissioning year</source>
        <translation>District by commissioning year</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="49"/>
        <source>%s by town / park</source>
        <translation>%s by town / park</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="50"/>
        <source>%s by industry</source>
        <translation>%s by industry</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="51"/>
        <source>Approved, assessed</source>
        <translation>Approved, assessed</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="52"/>
        <source>Green power deducted</source>
        <translation>Green power deducted</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="53"/>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="54"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="55"/>
        <source>Approved (gross)</source>
        <translation>Approved (gross)</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="56"/>
        <source>Remaining</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="57"/>
        <source>Use incl. pending</source>
        <translation>Use incl. pending</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="58"/>
        <source>Warnings</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="59"/>
        <source>No budget has reached a warning level.</source>
        <translation>No budget has reached a warning level.</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="60"/>
        <source>No district budget entered for this year: placeholder values (unverified).</source>
        <translation>No district budget entered for this year: placeholder values (unverified).</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="61"/>
        <source>Ledger entries</source>
        <translation>Ledger entries</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="62"/>
        <source>Loading the ledger…</source>
        <translation>Loading the ledger…</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="63"/>
        <source>The ledger is empty.</source>
        <translation>The ledger is empty.</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="64"/>
        <source>Could not load the ledger: %s</source>
        <translation>Could not load the ledger: %s</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="65"/>
        <source>If pending projects are approved</source>
        <translation>If pending projects are approved</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="66"/>
        <source>Edit budget…</source>
        <translation>Edit budget…</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="67"/>
        <source>Budget history</source>
        <translation>Budget history</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="68"/>
        <source>Whole district</source>
        <translation>Whole district</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="69"/>
        <source>All industries</source>
        <translation>All industries</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="70"/>
        <location filename="../ledger_dashboard.py" line="81"/>
        <source>Town / park</source>
        <translation>Town / park</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="71"/>
        <location filename="../ledger_dashboard.py" line="82"/>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="72"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="73"/>
        <source>Reason (required)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="74"/>
        <source>Please give a reason.</source>
        <translation>Please give a reason.</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="75"/>
        <source>Budget saved.</source>
        <translation>Budget saved.</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="79"/>
        <source>Project code</source>
        <translation>Project code</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="80"/>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="83"/>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="84"/>
        <source>Opinion no.</source>
        <translation>Opinion no.</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="85"/>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="86"/>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="87"/>
        <source>Calorific tce</source>
        <translation>Calorific tce</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="88"/>
        <source>Primary tce</source>
        <translation>Primary tce</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="89"/>
        <source>tCO2</source>
        <translation>tCO2</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="90"/>
        <source>Green deducted tce</source>
        <translation>Green deducted tce</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="91"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="118"/>
        <source>The archive could not be opened.</source>
        <translation>The archive could not be opened.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121"/>
        <source>Opening the archive…</source>
        <translation>Opening the archive…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="315"/>
        <source>Energy and carbon review workbench — %1</source>
        <translation>Energy and carbon review workbench — %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="317"/>
        <source>&amp;Search:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="318"/>
        <source>Project code, name, builder or document number</source>
        <translation>Project code, name, builder or document number</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="319"/>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="320"/>
        <source>Overdue only</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="321"/>
        <source>Cases whose next statutory deadline has passed (as reviewer case list --overdue)</source>
        <translation>Cases whose next statutory deadline has passed (as reviewer case list --overdue)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="323"/>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="324"/>
        <source>All outcomes</source>
        <translation>All outcomes</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="325"/>
        <source>Archive</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="327"/>
        <location filename="../main_window.py" line="661"/>
        <source>District ledger</source>
        <translation>District ledger</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="328"/>
        <source>Loading the district ledger…</source>
        <translation>Loading the district ledger…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="329"/>
        <source>Explanation</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="330"/>
        <source>&amp;Import submissions…</source>
        <translation>&amp;Import submissions…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="331"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="332"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="333"/>
        <source>&amp;Review selected project…</source>
        <translation>&amp;Review selected project…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="334"/>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="335"/>
        <source>&amp;Find</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="336"/>
        <source>&amp;Explanation panel</source>
        <translation>&amp;Explanation panel</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="337"/>
        <source>&amp;About</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="338"/>
        <source>Signing &amp;keys…</source>
        <translation>Signing &amp;keys…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="339"/>
        <source>Office and certificate set-up…</source>
        <translation>Office and certificate set-up…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="340"/>
        <source>User &amp;manual</source>
        <translation>User &amp;manual</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="341"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="342"/>
        <source>&amp;Review</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="343"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="344"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="345"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="382"/>
        <source>All towns and parks</source>
        <translation>All towns and parks</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="384"/>
        <source>All industries</source>
        <translation>All industries</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="386"/>
        <source>All years</source>
        <translation>All years</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="387"/>
        <source>All review levels</source>
        <translation>All review levels</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="407"/>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="437"/>
        <source>%n project(s)</source>
        <translation>
            <numerusform>%n project</numerusform>
            <numerusform>%n projects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="463"/>
        <source>%n case(s) overdue</source>
        <translation>
            <numerusform>%n case overdue</numerusform>
            <numerusform>%n cases overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="465"/>
        <source>%n case(s) due soon</source>
        <translation>
            <numerusform>%n case due soon</numerusform>
            <numerusform>%n cases due soon</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="497"/>
        <location filename="../main_window.py" line="546"/>
        <source>Loading %1…</source>
        <translation>Loading %1…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="539"/>
        <source>Select a project first.</source>
        <translation>Select a project first.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="648"/>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="649"/>
        <source>Energy-conservation review and carbon-emission evaluation workbench, version %1.</source>
        <translation>Energy-conservation review and carbon-emission evaluation workbench, version %1.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../wizard/overview.py" line="58"/>
        <source>Project overview</source>
        <translation>Project overview</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="80"/>
        <source>Regime</source>
        <translation>Regime</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="80"/>
        <source>Reviewing authority</source>
        <translation>Reviewing authority</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="80"/>
        <source>Unverified parameters (未核实)</source>
        <translation>Unverified parameters (未核实)</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="95"/>
        <source>The rule engine has not produced a review-requirement section for this project.</source>
        <translation>The rule engine has not produced a review-requirement section for this project.</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="115"/>
        <source>Review requirement</source>
        <translation>Review requirement</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="116"/>
        <source>Rules in force on:</source>
        <translation>Rules in force on:</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="117"/>
        <source>the application date</source>
        <translation>the application date</translation>
    </message>
</context>
<context>
    <name>PassphraseFields</name>
    <message>
        <location filename="../first_run.py" line="26"/>
        <source>too short (8+ characters)</source>
        <translation>too short (8+ characters)</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="27"/>
        <source>weak</source>
        <translation>weak</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="27"/>
        <source>fair</source>
        <translation>fair</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="28"/>
        <source>good</source>
        <translation>good</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="28"/>
        <source>strong</source>
        <translation>strong</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="51"/>
        <source>Passphrase:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="52"/>
        <source>Repeat:</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="56"/>
        <source>Strength:</source>
        <translation>Strength:</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="64"/>
        <source>; the two entries differ</source>
        <translation>; the two entries differ</translation>
    </message>
</context>
<context>
    <name>PdfDialog</name>
    <message>
        <location filename="../pdf_viewer.py" line="57"/>
        <source>Opinion document</source>
        <translation>Opinion document</translation>
    </message>
</context>
<context>
    <name>PolicyPage</name>
    <message>
        <location filename="../wizard/policy.py" line="97"/>
        <source>Efficiency and policy</source>
        <translation>Efficiency and policy</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="137"/>
        <source>No findings for this submission.</source>
        <translation>No findings for this submission.</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="143"/>
        <source>engine: %1</source>
        <translation>engine: %1</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="144"/>
        <source>Evidence</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="168"/>
        <source>Refused: overriding a finding needs a written reason.</source>
        <translation>Refused: overriding a finding needs a written reason.</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="172"/>
        <source>Nothing to record.</source>
        <translation>Nothing to record.</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="184"/>
        <source>Recorded in the archive and the audit log.</source>
        <translation>Recorded in the archive and the audit log.</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="197"/>
        <source>Indicators and checks</source>
        <translation>Indicators and checks</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="198"/>
        <source>Products, buildings and equipment (申报数据)</source>
        <translation>Products, buildings and equipment (submission data)</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="199"/>
        <source>Efficiency indicators against benchmarks, then each policy check:</source>
        <translation>Efficiency indicators against benchmarks, then each policy check:</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="200"/>
        <source>Selected finding</source>
        <translation>Selected finding</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="201"/>
        <source>Re&amp;mark:</source>
        <translation>Re&amp;mark:</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="202"/>
        <source>&amp;Override result:</source>
        <translation>&amp;Override result:</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="203"/>
        <source>Written &amp;reason:</source>
        <translation>Written &amp;reason:</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="204"/>
        <source>Record decision (Ctrl+Enter)</source>
        <translation>Record decision (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="207"/>
        <source>— keep the engine&apos;s result —</source>
        <translation>— keep the engine&apos;s result —</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="211"/>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="211"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="212"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="213"/>
        <source>Benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="212"/>
        <source>Grade</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="214"/>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="214"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="215"/>
        <source>Explanation</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="144"/>
        <location filename="../wizard/policy.py" line="216"/>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="215"/>
        <source>Remark</source>
        <translation>Remark</translation>
    </message>
</context>
<context>
    <name>ProjectTableModel</name>
    <message>
        <location filename="../project_model.py" line="62"/>
        <source>Project code</source>
        <translation>Project code</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="63"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="64"/>
        <source>Builder</source>
        <translation>Builder</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="65"/>
        <source>Town / park</source>
        <translation>Town / park</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="66"/>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="67"/>
        <source>Calorific (tce)</source>
        <translation>Calorific (tce)</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="68"/>
        <source>Primary equiv. (tce)</source>
        <translation>Primary equiv. (tce)</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="69"/>
        <source>CO₂ (t)</source>
        <translation>CO₂ (t)</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="70"/>
        <source>Review level</source>
        <translation>Review level</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="71"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="72"/>
        <source>Applied</source>
        <translation>Applied</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="77"/>
        <source>Next deadline</source>
        <translation>Next deadline</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="78"/>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>ProjectView</name>
    <message>
        <location filename="../project_view.py" line="209"/>
        <source>signed</source>
        <translation>signed</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="209"/>
        <source>not signed</source>
        <translation>not signed</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="215"/>
        <source>no signature</source>
        <translation>no signature</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="218"/>
        <source>intact, but not signed by this office&apos;s CA (e.g. DEMO)</source>
        <translation>intact, but not signed by this office&apos;s CA (e.g. DEMO)</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="219"/>
        <source>valid</source>
        <translation>valid</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="219"/>
        <source>INVALID: %1</source>
        <translation>INVALID: %1</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="230"/>
        <source>Select a project in the list to see its submission, figures and history.</source>
        <translation>Select a project in the list to see its submission, figures and history.</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="236"/>
        <source>&amp;Review…</source>
        <translation>&amp;Review…</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="237"/>
        <source>Submission</source>
        <translation>Submission</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="237"/>
        <source>Assessment</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="237"/>
        <source>Findings</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="237"/>
        <source>Opinions</source>
        <translation>Opinions</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="238"/>
        <source>Audit history</source>
        <translation>Audit history</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="240"/>
        <source>Project information (latest version)</source>
        <translation>Project information (latest version)</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="241"/>
        <location filename="../project_view.py" line="255"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="241"/>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="242"/>
        <source>Source file</source>
        <translation>Source file</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="242"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="243"/>
        <source>Received by</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="243"/>
        <location filename="../project_view.py" line="258"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="244"/>
        <location filename="../project_view.py" line="247"/>
        <source>Carrier</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="244"/>
        <location filename="../project_view.py" line="247"/>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="245"/>
        <location filename="../project_view.py" line="248"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="245"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="246"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="248"/>
        <source>Calorific value (tce)</source>
        <translation>Calorific value (tce)</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="249"/>
        <source>Equivalent value (tce)</source>
        <translation>Equivalent value (tce)</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="250"/>
        <source>Excluded because</source>
        <translation>Excluded because</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="251"/>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="251"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="253"/>
        <source>Explanation</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="253"/>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="252"/>
        <source>Reviewer remark</source>
        <translation>Reviewer remark</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="171"/>
        <location filename="../project_view.py" line="238"/>
        <source>Case file</source>
        <translation>Case file</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="233"/>
        <source>Builder: %1&#x3000;Town: %2&#x3000;Status: %3</source>
        <translation>Builder: %1&#x3000;Town: %2&#x3000;Status: %3</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="252"/>
        <source>Override reason</source>
        <translation>Override reason</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="254"/>
        <source>Document number</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="254"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="255"/>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="256"/>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="256"/>
        <source>Verification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="257"/>
        <source>Signer</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="258"/>
        <source>Signed at</source>
        <translation>Signed at</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="259"/>
        <source>Time (UTC)</source>
        <translation>Time (UTC)</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="259"/>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="259"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="260"/>
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="260"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="261"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="261"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="262"/>
        <source>Annual energy, calorific value (当量值)</source>
        <translation>Annual energy, calorific value (当量值)</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="263"/>
        <source>Annual energy, equivalent value (等价值)</source>
        <translation>Annual energy, equivalent value (等价值)</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="264"/>
        <source>Carbon emissions</source>
        <translation>Carbon emissions</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="265"/>
        <source>Review level</source>
        <translation>Review level</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="266"/>
        <source>Rules applied as of</source>
        <translation>Rules applied as of</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="273"/>
        <source>not assessed</source>
        <translation>not assessed</translation>
    </message>
</context>
<context>
    <name>RegionalPage</name>
    <message>
        <location filename="../wizard/regional.py" line="44"/>
        <source>Regional impact</source>
        <translation>Regional impact</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="50"/>
        <source>The rule engine has not produced a regional section (district budgets) for this submission.</source>
        <translation>The rule engine has not produced a regional section (district budgets) for this submission.</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="66"/>
        <source>district %1 → %2 tce/万元 (%3 %)</source>
        <translation>district %1 → %2 tce/万元 (%3 %)</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="69"/>
        <source>district ledger</source>
        <translation>district ledger</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="70"/>
        <source>rule parameters</source>
        <translation>rule parameters</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="72"/>
        <source>Energy budget used by this project</source>
        <translation>Energy budget used by this project</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="73"/>
        <source>Carbon budget used by this project</source>
        <translation>Carbon budget used by this project</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="76"/>
        <source>Share of the district&apos;s annual budget</source>
        <translation>Share of the district&apos;s annual budget</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="79"/>
        <source>District energy budget</source>
        <translation>District energy budget</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="79"/>
        <source>Share of energy budget</source>
        <translation>Share of energy budget</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="80"/>
        <source>District carbon budget</source>
        <translation>District carbon budget</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="80"/>
        <source>Share of carbon budget</source>
        <translation>Share of carbon budget</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="81"/>
        <source>Energy intensity</source>
        <translation>Energy intensity</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="81"/>
        <source>Budget figures from</source>
        <translation>Budget figures from</translation>
    </message>
</context>
<context>
    <name>ReviewWizard</name>
    <message>
        <location filename="../wizard/wizard.py" line="252"/>
        <source>Draft saved.</source>
        <translation>Draft saved.</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="263"/>
        <source>Close the review</source>
        <translation>Close the review</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="264"/>
        <source>The review is not finished. Keep the draft and close? (The draft opens again next time.)</source>
        <translation>The review is not finished. Keep the draft and close? (The draft opens again next time.)</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="285"/>
        <source>Review %1</source>
        <translation>Review %1</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="289"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="291"/>
        <source>&amp;Finish</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="291"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="293"/>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>SectionForm</name>
    <message>
        <location filename="../wizard/sections.py" line="274"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../wizard/sections.py" line="275"/>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>SectionTableModel</name>
    <message>
        <location filename="../wizard/sections.py" line="141"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../wizard/sections.py" line="141"/>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>SectionsPanel</name>
    <message>
        <location filename="../wizard/sections.py" line="393"/>
        <source>Add row</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location filename="../wizard/sections.py" line="394"/>
        <source>Remove row</source>
        <translation>Remove row</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="191"/>
        <source>PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="197"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="198"/>
        <source>Manage signing certificates…</source>
        <translation>Manage signing certificates…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="207"/>
        <source>District energy and carbon budgets are edited on the District ledger page. A changed archive location applies the next time the workbench starts.</source>
        <translation>District energy and carbon budgets are edited on the District ledger page. A changed archive location applies the next time the workbench starts.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../project_model.py" line="482"/>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="481"/>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="455"/>
        <source>correction notice</source>
        <translation>correction notice</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="456"/>
        <source>acceptance</source>
        <translation>acceptance</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="457"/>
        <source>decision</source>
        <translation>decision</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="462"/>
        <source>OVERDUE</source>
        <translation>OVERDUE</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="462"/>
        <source>due soon</source>
        <translation>due soon</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="481"/>
        <source>In review</source>
        <translation>In review</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="481"/>
        <source>Correction requested</source>
        <translation>Correction requested</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="482"/>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="482"/>
        <source>Lapsed</source>
        <translation>Lapsed</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="488"/>
        <source>No separate review</source>
        <translation>No separate review</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="489"/>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="490"/>
        <source>Municipal</source>
        <translation>Municipal</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="491"/>
        <source>National (NDRC)</source>
        <translation>National (NDRC)</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="496"/>
        <source>Approval</source>
        <translation>Approval</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="496"/>
        <source>Rejection</source>
        <translation>Rejection</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="496"/>
        <source>Correction notice</source>
        <translation>Correction notice</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="497"/>
        <source>Acceptance</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="497"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="55"/>
        <source>Pass</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="55"/>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="56"/>
        <source>Fail</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="57"/>
        <source>Not applicable</source>
        <translation>Not applicable</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <location filename="../trace_panel.py" line="82"/>
        <source>Click a figure to see how it was computed: inputs, parameters with their source, formula and clause.</source>
        <translation>Click a figure to see how it was computed: inputs, parameters with their source, formula and clause.</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="90"/>
        <source>Formula</source>
        <translation>Formula</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="90"/>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="90"/>
        <source>Inputs</source>
        <translation>Inputs</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="91"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="91"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="91"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="91"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="92"/>
        <source>Parameters</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="92"/>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="92"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="93"/>
        <source>Verified</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="93"/>
        <source>verified</source>
        <translation>verified</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="93"/>
        <source>unverified (未核实)</source>
        <translation>unverified (未核实)</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="94"/>
        <source>overridden, was</source>
        <translation>overridden, was</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="94"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="132"/>
        <source>How this figure was computed</source>
        <translation>How this figure was computed</translation>
    </message>
</context>
</TS>
