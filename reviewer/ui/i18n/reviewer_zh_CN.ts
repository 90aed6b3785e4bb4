<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AcceptancePage</name>
    <message>
        <location filename="../wizard/acceptance.py" line="151"/>
        <source>Acceptance</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="186"/>
        <source>No receipt registered yet. Register the day the application was received: the 5-working-day clock of the correction notice starts then (令第31号 第十四条), and the materials checklist is kept.</source>
        <translation>尚未登记收件。请登记收到申报材料的日期：一次性告知补正的5个工作日期限自此起算（令第31号 第十四条），并据此核对申报材料清单。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="193"/>
        <source>Received %1; correction notice due %2.</source>
        <translation>%1 收件；补正告知期限 %2。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="198"/>
        <source>Next deadline: %1</source>
        <translation>下一期限：%1</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="200"/>
        <source>Drop a file onto an item to attach it.</source>
        <translation>将文件拖到清单项上即可附加。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="239"/>
        <source>Receipt registered on %1.</source>
        <translation>已登记收件（%1）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/acceptance.py" line="247"/>
        <source>%n item(s) are still missing. 令第31号 第十四条 accepts complete materials; record the acceptance anyway?</source>
        <translation>
            <numerusform>仍缺少 %n 项。令第31号 第十四条规定材料齐全的予以受理；仍要记录受理吗？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="255"/>
        <source>Accepted on %1.</source>
        <translation>已记录受理（%1）。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="266"/>
        <source>Attached: </source>
        <translation>已附：</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="276"/>
        <source>Correction notice for project %1</source>
        <translation>项目 %1 补正通知</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="277"/>
        <source>The following is missing from the submission and must be supplied in one go:</source>
        <translation>申报材料缺少下列内容，请一次性补正：</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="287"/>
        <source>The submission is complete; the review can proceed.</source>
        <translation>申报材料齐全，可以进入审查。</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/acceptance.py" line="290"/>
        <source>%n item(s) missing.</source>
        <translation>
            <numerusform>缺少 %n 项。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="295"/>
        <source>Correction notice already issued (one-time)</source>
        <translation>已发出补正通知（仅限一次）</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="387"/>
        <source>Correction notice</source>
        <translation>补正通知</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="428"/>
        <source>Correction notice %1 issued and archived.</source>
        <translation>补正通知 %1 已出具并归档。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="246"/>
        <location filename="../wizard/acceptance.py" line="439"/>
        <source>Incomplete submission</source>
        <translation>申报材料不齐全</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="297"/>
        <source>Sign and issue the one-time &amp;correction notice</source>
        <translation>签名并出具一次性&amp;补正通知</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="307"/>
        <source>Correction notice %1 (signed by %2).</source>
        <translation>补正通知 %1（已由 %2 签名）。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="309"/>
        <source>Correction notice %1 — NOT signed.</source>
        <translation>补正通知 %1 —— 未签名。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="313"/>
        <source>Correction notice %1 issued on %2 (signed).</source>
        <translation>补正通知 %1 已于 %2 出具（已签名）。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="314"/>
        <source>Correction notice %1 issued on %2 — NOT signed.</source>
        <translation>补正通知 %1 已于 %2 出具 —— 未签名。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="335"/>
        <source>The certificate is ready; enter its passphrase to sign.</source>
        <translation>签名证书已就绪，输入口令即可签名。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="349"/>
        <source>Save the correction notice</source>
        <translation>保存补正通知</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="350"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="359"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="373"/>
        <source>No signing certificate is set up, so the notice cannot be signed. Create or import one, or issue the notice explicitly unsigned.</source>
        <translation>尚未设置签名证书，补正通知无法签名。请创建或导入证书，或明确选择出具未签名的补正通知。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="379"/>
        <source>Enter the certificate&apos;s passphrase to sign.</source>
        <translation>请输入证书口令以签名。</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/acceptance.py" line="382"/>
        <source>The correction notice can be issued only once. Sign and issue it now listing %n item(s)?</source>
        <translation>
            <numerusform>补正通知只能出具一次。现在签名并出具，列明 %n 项？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/acceptance.py" line="385"/>
        <source>The notice will be archived NOT signed (no certificate). It can be issued only once. Issue it unsigned now listing %n item(s)?</source>
        <translation>
            <numerusform>补正通知将以未签名形式归档（没有证书），且只能出具一次。现在出具未签名的补正通知，列明 %n 项？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="405"/>
        <source>Signing and archiving…</source>
        <translation>正在签名并归档……</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/acceptance.py" line="440"/>
        <source>%n item(s) are missing and no correction notice was issued. Review it anyway?</source>
        <translation>
            <numerusform>缺少 %n 项内容且尚未发出补正通知。仍继续审查？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="450"/>
        <source>Check that the submission is complete. Everything missing is listed in one correction notice (令第31号: one-time notification).</source>
        <translation>核对申报材料是否齐全。缺少的内容在一份补正通知中一次性告知（令第31号）。</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="452"/>
        <source>Data items of the submission</source>
        <translation>申报数据项</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="453"/>
        <source>Statutory materials (令第31号 第十二条)</source>
        <translation>法定申报材料（令第31号 第十二条）</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="454"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="455"/>
        <source>Register &amp;receipt</source>
        <translation>登记收件(&amp;R)</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="456"/>
        <source>Record &amp;acceptance (受理)</source>
        <translation>记录受理(&amp;A)</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="457"/>
        <source>Certificate passphrase:</source>
        <translation>证书口令：</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="458"/>
        <source>No certificate yet: create or import…</source>
        <translation>尚无证书：创建或导入…</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="459"/>
        <source>Issue UNSIGNED (not signed)…</source>
        <translation>出具未签名的补正通知（未签名）…</translation>
    </message>
    <message>
        <location filename="../wizard/acceptance.py" line="460"/>
        <source>Save &amp;PDF…</source>
        <translation>保存 &amp;PDF…</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../widgets.py" line="81"/>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>BatchImportDialog</name>
    <message>
        <location filename="../import_dialog.py" line="135"/>
        <source>Add submission files</source>
        <translation>添加申报文件</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="136"/>
        <source>Submissions (*.xlsx *.xlsm *.json)</source>
        <translation>申报文件 (*.xlsx *.xlsm *.json)</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="140"/>
        <source>Add a folder of submissions</source>
        <translation>添加申报文件夹</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="181"/>
        <source>Cancelling after the current file…</source>
        <translation>当前文件处理完后取消……</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="186"/>
        <source>Importing %1 (%2 of %3)…</source>
        <translation>正在导入 %1（第 %2 个，共 %3 个）……</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="204"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="205"/>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="265"/>
        <source>Import submissions</source>
        <translation>批量导入申报</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="266"/>
        <source>Files and folders to import (drop them on the main window, or add them here):</source>
        <translation>待导入的文件和文件夹（可拖放到主窗口，或在此添加）：</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="267"/>
        <source>Add &amp;files…</source>
        <translation>添加文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="268"/>
        <source>Add f&amp;older…</source>
        <translation>添加文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="269"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="270"/>
        <source>&amp;Start import</source>
        <translation>开始导入(&amp;S)</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="271"/>
        <source>&amp;Cancel import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="272"/>
        <source>Clos&amp;e</source>
        <translation>关闭(&amp;E)</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="273"/>
        <source>Open &amp;annotated workbook</source>
        <translation>打开批注工作簿(&amp;A)</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="274"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="274"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="275"/>
        <source>Project code</source>
        <translation>项目代码</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="275"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="276"/>
        <source>Errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="276"/>
        <source>Annotated copy</source>
        <translation>批注副本</translation>
    </message>
</context>
<context>
    <name>CarbonPage</name>
    <message>
        <location filename="../wizard/carbon.py" line="94"/>
        <source>Carbon emissions</source>
        <translation>碳排放</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="126"/>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="127"/>
        <source>The rule engine has not produced a carbon section for this submission.</source>
        <translation>规则引擎未对本申报给出碳排放结果。</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="137"/>
        <location filename="../wizard/carbon.py" line="158"/>
        <source>Fuel combustion</source>
        <translation>化石燃料燃烧</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="137"/>
        <location filename="../wizard/carbon.py" line="158"/>
        <source>Process</source>
        <translation>工业生产过程</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="138"/>
        <location filename="../wizard/carbon.py" line="159"/>
        <source>Purchased electricity</source>
        <translation>净购入电力</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="138"/>
        <location filename="../wizard/carbon.py" line="159"/>
        <source>Purchased heat</source>
        <translation>净购入热力</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="142"/>
        <source>Emissions by source</source>
        <translation>按排放源分列的排放量</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="168"/>
        <source>Boundary and emission factors</source>
        <translation>核算边界与排放因子</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="169"/>
        <source>&amp;Electricity factor:</source>
        <translation>电力排放因子(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="170"/>
        <source>&amp;Heat factor:</source>
        <translation>热力排放因子(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="171"/>
        <source>F&amp;uel factor set:</source>
        <translation>燃料排放因子(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="172"/>
        <source>Purchased green power counted at zero (沪环气候〔2023〕89号)</source>
        <translation>外购绿电按零排放计（沪环气候〔2023〕89号）</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="173"/>
        <source>Feedstock use excluded from combustion emissions</source>
        <translation>原料用能不计入燃烧排放</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="174"/>
        <source>This rule-engine version does not accept reviewer choices; its defaults apply and are recorded in the result.</source>
        <translation>当前规则引擎版本不接受审查人员的口径选择，按其默认口径计算并记录在结果中。</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="176"/>
        <source>Total emissions</source>
        <translation>碳排放总量</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="177"/>
        <source>Direct (scope 1)</source>
        <translation>直接排放（范围一）</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="178"/>
        <source>Indirect (scope 2)</source>
        <translation>间接排放（范围二）</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="179"/>
        <source>Sensitivity to the electricity factor</source>
        <translation>电力排放因子敏感性</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="180"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="180"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="181"/>
        <source>Activity</source>
        <translation>活动水平</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="181"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="182"/>
        <source>Factor</source>
        <translation>排放因子</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="182"/>
        <source>Factor unit</source>
        <translation>因子单位</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="183"/>
        <source>tCO₂</source>
        <translation>tCO₂</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="185"/>
        <source>Electricity factor basis</source>
        <translation>电力因子口径</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="184"/>
        <source>tCO₂/MWh</source>
        <translation>tCO₂/MWh</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="184"/>
        <source>Electricity tCO₂</source>
        <translation>电力排放 tCO₂</translation>
    </message>
    <message>
        <location filename="../wizard/carbon.py" line="185"/>
        <source>Total tCO₂</source>
        <translation>总排放 tCO₂</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../case_panel.py" line="593"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="594"/>
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="374"/>
        <source> — OVERDUE</source>
        <translation> — 已逾期</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="31"/>
        <source>Awaiting acceptance</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="32"/>
        <source>Correction requested</source>
        <translation>补正中</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="33"/>
        <source>In review</source>
        <translation>审查中</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="34"/>
        <source>Expert review</source>
        <translation>专家评审中</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="35"/>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="36"/>
        <source>Rejected</source>
        <translation>不予通过</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="37"/>
        <source>Completion accepted</source>
        <translation>已验收</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="38"/>
        <source>Lapsed</source>
        <translation>已失效</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="118"/>
        <source> (unverified)</source>
        <translation>（未核实）</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="120"/>
        <source>missing</source>
        <translation>缺</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="335"/>
        <source>No receipt registered for this project yet: register the day the application was received to start the statutory clock.</source>
        <translation>本项目尚未登记收件：请登记收到申报材料的日期，法定期限自此起算。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="337"/>
        <source>Select a project to see its case file.</source>
        <translation>请选择项目以查看其案件卷宗。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="353"/>
        <source>No energy report attached: the structure check (令第31号 第十二条) runs when it is.</source>
        <translation>尚未附节能报告；附上后即检查其是否包含令第31号 第十二条规定的七部分内容。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="356"/>
        <source>Energy report lacks (veto item): </source>
        <translation>节能报告缺少（否决项）：</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="359"/>
        <source>Energy report: all seven parts of 令第31号 第十二条 found.</source>
        <translation>节能报告：令第31号 第十二条规定的七部分内容齐全。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="374"/>
        <source> — due soon</source>
        <translation> — 即将到期</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="376"/>
        <source>Correction notice due</source>
        <translation>补正告知期限</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="376"/>
        <source>Acceptance due</source>
        <translation>补正后受理期限</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="377"/>
        <source>Decision due</source>
        <translation>审查决定期限</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="380"/>
        <source>Received</source>
        <translation>收件</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="387"/>
        <source>Decision clock stopped: expert review running (行政许可法 第四十五条)</source>
        <translation>专家评审中，审查期限暂停计算（《行政许可法》第四十五条）</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="393"/>
        <source>Counts as accepted from %1 (not told in time; 令第31号 第十四条).</source>
        <translation>逾期未告知补正，自 %1 起即为受理（令第31号 第十四条）。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="396"/>
        <source>%1 working days of expert review not counted.</source>
        <translation>专家评审 %1 个工作日不计入期限。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="399"/>
        <source>Time limit extended by 10 working days.</source>
        <translation>审查期限已延长10个工作日。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="401"/>
        <source>Next</source>
        <translation>下一期限</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="432"/>
        <source>The office&apos;s list of reviewing bodies is empty: add one with `reviewer case bodies add NAME`.</source>
        <translation>本机关评审机构名录为空：请用 reviewer case bodies add 名称 登记。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="435"/>
        <source>Expert review by %1 since %2; the decision clock is stopped.</source>
        <translation>%1 自 %2 起评审中，审查期限暂停计算。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="440"/>
        <source>Review opinion of %1 returned on %2: %3</source>
        <translation>%1 的评审意见已于 %2 返回：%3</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="444"/>
        <source>The expert review is commissioned after acceptance (令第31号 第十五条).</source>
        <translation>受理后方可委托评审（令第31号 第十五条）。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="446"/>
        <source>Not commissioned yet.</source>
        <translation>尚未委托评审。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="463"/>
        <location filename="../case_panel.py" line="613"/>
        <source>Select a PDF attachment to preview it.</source>
        <translation>选择一个PDF附件即可在此预览。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="467"/>
        <source>%1 is not a PDF: open it with its application or save it.</source>
        <translation>%1 不是PDF文件：请用其应用程序打开或另存。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="476"/>
        <source>%1 — %2 page(s)</source>
        <translation>%1 — 共 %2 页</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="478"/>
        <source>The PDF could not be displayed.</source>
        <translation>无法显示该PDF。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="489"/>
        <source>Cannot read or write the file: </source>
        <translation>无法读写文件：</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="500"/>
        <source>Receipt registered on %1.</source>
        <translation>已登记收件（%1）。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="512"/>
        <source>Attach a file</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="513"/>
        <location filename="../case_panel.py" line="559"/>
        <source>Documents (*.pdf *.docx *.xlsx *.ofd *.png *.jpg *.jpeg)</source>
        <translation>文档 (*.pdf *.docx *.xlsx *.ofd *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="549"/>
        <source>Save attachment as</source>
        <translation>附件另存为</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="554"/>
        <source>Saved %1 (%2).</source>
        <translation>已保存 %1（%2）。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="558"/>
        <source>Review opinion file</source>
        <translation>评审意见文件</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="566"/>
        <source>Expert review commissioned from %1 on %2.</source>
        <translation>已于 %2 委托 %1 评审。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="581"/>
        <source>Review opinion of %1 recorded (returned %2).</source>
        <translation>已记录 %1 的评审意见（%2 返回）。</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="592"/>
        <source>Materials (令第31号 第十二条; drop a file onto an item)</source>
        <translation>申报材料（令第31号 第十二条；将文件拖到清单项上附加）</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="595"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="596"/>
        <source>Expert review (令第31号 第十五条)</source>
        <translation>专家评审（令第31号 第十五条）</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="597"/>
        <source>Received on:</source>
        <translation>收件日期：</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="598"/>
        <source>Register &amp;receipt</source>
        <translation>登记收件(&amp;R)</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="599"/>
        <source>Attach a file to the selected item…</source>
        <translation>为所选清单项附加文件…</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="600"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="601"/>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="602"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="603"/>
        <source>Commission</source>
        <translation>委托评审</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="604"/>
        <source>Record the returned review</source>
        <translation>记录评审意见返回</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="605"/>
        <source>Reviewing body</source>
        <translation>评审机构</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="606"/>
        <source>Commissioned on</source>
        <translation>委托日期</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="607"/>
        <source>Returned on</source>
        <translation>返回日期</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="608"/>
        <source>Review opinion (评审意见)</source>
        <translation>评审意见文件</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="609"/>
        <source>Conclusions</source>
        <translation>评审结论</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="610"/>
        <source>Recommended energy, calorific value</source>
        <translation>建议年综合能源消费量（当量值）</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="611"/>
        <source>Recommended energy, equivalent value</source>
        <translation>建议年综合能源消费量（等价值）</translation>
    </message>
    <message>
        <location filename="../case_panel.py" line="506"/>
        <source>Attached: </source>
        <translation>已附：</translation>
    </message>
</context>
<context>
    <name>ConclusionPage</name>
    <message>
        <location filename="../wizard/conclusion.py" line="75"/>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="125"/>
        <source>Outcome</source>
        <translation>审查结论</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="126"/>
        <source>&amp;Approve (通过)</source>
        <translation>通过(&amp;A)</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="127"/>
        <source>Re&amp;ject (不予通过)</source>
        <translation>不予通过(&amp;J)</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="128"/>
        <source>&amp;Conditions (approval) or reasons (rejection), one per line:</source>
        <translation>附加条件（通过）或理由（不予通过），每行一条(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="129"/>
        <source>Binding caps written into the opinion</source>
        <translation>写入审查意见的控制指标</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="130"/>
        <source>The caps are the assessed figures. To change them, correct the energy consumption step; the corrected submission is archived as a new version.</source>
        <translation>控制指标即本次评估核定值。如需调整，请在“能源消费”步骤修正数据，修正后的申报将作为新版本归档。</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="132"/>
        <source>Annual energy, calorific value (tce)</source>
        <translation>年综合能源消费量 当量值（tce）</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="133"/>
        <source>Annual energy, equivalent value (tce)</source>
        <translation>年综合能源消费量 等价值（tce）</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="134"/>
        <source>Carbon emissions (tCO₂)</source>
        <translation>碳排放总量（tCO₂）</translation>
    </message>
    <message>
        <location filename="../wizard/conclusion.py" line="134"/>
        <source>Coal consumption (t)</source>
        <translation>煤炭消费量（t）</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../dialogs.py" line="35"/>
        <source>Cannot continue</source>
        <translation>无法继续</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="38"/>
        <source>Internal error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="39"/>
        <source>The operation did not complete because of an internal error. Nothing was saved half-way.</source>
        <translation>由于程序内部错误，操作未完成；没有保存任何不完整的数据。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="40"/>
        <source>Error type: %1
Details were written to the log: %2</source>
        <translation>错误类型：%1
详细信息已写入日志：%2</translation>
    </message>
</context>
<context>
    <name>EnergyDelegate</name>
    <message>
        <location filename="../wizard/energy.py" line="240"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="243"/>
        <source>(blank)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>EnergyItemsModel</name>
    <message>
        <location filename="../wizard/energy.py" line="145"/>
        <source>Calorific value (tce)</source>
        <translation>当量值（tce）</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="147"/>
        <source>Equivalent value (tce)</source>
        <translation>等价值（tce）</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="182"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>EnergyPage</name>
    <message>
        <location filename="../wizard/energy.py" line="336"/>
        <source>Energy consumption</source>
        <translation>能源消费</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="359"/>
        <source>Corrected by the reviewer; stored as a new submission version when the review is saved.</source>
        <translation>已由审查人员核定修改；出具意见时保存为新的申报版本。</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="413"/>
        <source>Correct the applicant&apos;s figures where the review finds them wrong. Totals update as you type; click a figure to see how it was computed. Items in brackets are shown but not counted.</source>
        <translation>审查发现申报数据有误时可在此核定修改，合计随输入即时更新；点击数字查看计算过程。括号内的数值仅列示、不计入。</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="416"/>
        <source>&amp;Add row</source>
        <translation>添加行(&amp;A)</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="417"/>
        <source>Re&amp;move row</source>
        <translation>删除行(&amp;M)</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="418"/>
        <source>Reset to the applicant&apos;s figures</source>
        <translation>恢复为申报数据</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="419"/>
        <source>Annual energy, calorific value (当量值)</source>
        <translation>年综合能源消费量（当量值）</translation>
    </message>
    <message>
        <location filename="../wizard/energy.py" line="420"/>
        <source>Annual energy, equivalent value (等价值)</source>
        <translation>年综合能源消费量（等价值）</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../first_run.py" line="29"/>
        <source>district</source>
        <translation>区级</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="30"/>
        <source>municipal</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="31"/>
        <source>provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="32"/>
        <source>national</source>
        <translation>国家级</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="158"/>
        <source>Signing certificate</source>
        <translation>签名证书</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="158"/>
        <source>First run</source>
        <translation>首次使用设置</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="167"/>
        <source>Use {prefix} {year} {n}</source>
        <translation>可用 {prefix} {year} {n}；例：松发改能审〔2026〕12号</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="173"/>
        <source>Office</source>
        <translation>审查机关</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="175"/>
        <source>Issuing authority:</source>
        <translation>发文机关全称：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="176"/>
        <source>Office level:</source>
        <translation>机关层级：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="177"/>
        <source>Number prefix:</source>
        <translation>文号机关代字：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="178"/>
        <source>Number pattern:</source>
        <translation>文号格式：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="179"/>
        <source>Time zone:</source>
        <translation>时区：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="180"/>
        <source>Reviewer name:</source>
        <translation>审查人员姓名：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="183"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="184"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="188"/>
        <source>Welcome. Set the office and a signing certificate; then opinions can be signed in the app.</source>
        <translation>欢迎使用节能审查工作台。请填写审查机关信息并准备签名证书，之后即可在工作台内出具并签署审查意见。</translation>
    </message>
</context>
<context>
    <name>ImportStatus</name>
    <message>
        <location filename="../import_dialog.py" line="33"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="34"/>
        <source>New version</source>
        <translation>新版本</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="35"/>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="36"/>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="37"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="38"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../import_dialog.py" line="39"/>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>IssuePage</name>
    <message>
        <location filename="../wizard/issue.py" line="95"/>
        <source>Issue the opinion</source>
        <translation>出具意见</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="114"/>
        <source>The certificate is ready; enter its passphrase to sign.</source>
        <translation>签名证书已就绪，输入口令即可签名。</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="126"/>
        <source>Issued and archived as %1.</source>
        <translation>已出具并归档，文号 %1。</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="129"/>
        <source>Signing certificate</source>
        <translation>签名证书</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="130"/>
        <source>PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 证书 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="149"/>
        <source>Rendering the opinion…</source>
        <translation>正在生成审查意见……</translation>
    </message>
    <message numerus="yes">
        <location filename="../wizard/issue.py" line="161"/>
        <source>Preview of the unsigned draft (%n page(s)). Check it, then sign.</source>
        <translation>
            <numerusform>未签名草稿预览（共 %n 页）。核对无误后签名。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="162"/>
        <source>The preview could not be shown.</source>
        <translation>无法显示预览。</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="170"/>
        <source>No signing certificate yet: create or import one.</source>
        <translation>尚未配置签名证书：请先新建或导入。</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="174"/>
        <source>Enter the certificate&apos;s passphrase to sign.</source>
        <translation>请输入证书口令以签名。</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="178"/>
        <source>Signing and archiving…</source>
        <translation>正在签名并归档……</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="208"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="209"/>
        <source>&amp;Sign and archive</source>
        <translation>签名并归档(&amp;S)</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="210"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="211"/>
        <source>Certificate (PKCS#12):</source>
        <translation>签名证书（PKCS#12）：</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="212"/>
        <source>Pass&amp;phrase:</source>
        <translation>证书口令(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="213"/>
        <source>Confirm authority (reason):</source>
        <translation>确认审查权限（理由）：</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="214"/>
        <source>Confirm unverified parameters (reason):</source>
        <translation>确认未核实参数（理由）：</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="215"/>
        <source>Needed when the competent body rests on an unverified threshold</source>
        <translation>审查机关取决于未核实的界限时必填</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="216"/>
        <source>Needed when the preview lists unverified parameters</source>
        <translation>预览列出未核实参数时必填</translation>
    </message>
    <message>
        <location filename="../wizard/issue.py" line="217"/>
        <source>No certificate yet: create or import…</source>
        <translation>尚无签名证书：新建或导入…</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location filename="../first_run.py" line="224"/>
        <source>File</source>
        <translation>证书文件</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="224"/>
        <source>Subject</source>
        <translation>持有人</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="225"/>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="225"/>
        <source>Issuer</source>
        <translation>签发</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="226"/>
        <source>In use</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="235"/>
        <source>Signing certificates</source>
        <translation>签名证书管理</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="242"/>
        <source>Issue…</source>
        <translation>签发新证书…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="243"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="244"/>
        <source>Use for signing</source>
        <translation>设为签名证书</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="245"/>
        <source>Revoke…</source>
        <translation>吊销…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="270"/>
        <source>office CA</source>
        <translation>本机CA</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="270"/>
        <source>external</source>
        <translation>外部</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="271"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="275"/>
        <source>SHA-256 fingerprint: </source>
        <translation>SHA-256 指纹：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="311"/>
        <source>Issue a certificate</source>
        <translation>签发新证书</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="317"/>
        <source>Reviewer name:</source>
        <translation>审查人员姓名：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="318"/>
        <source>Office CA passphrase:</source>
        <translation>本机CA口令：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="335"/>
        <source>Import a certificate</source>
        <translation>导入证书</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="338"/>
        <source>Passphrase</source>
        <translation>证书口令</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="338"/>
        <source>Passphrase:</source>
        <translation>证书口令：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="357"/>
        <source>Revoke</source>
        <translation>吊销证书</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="358"/>
        <source>Reason to revoke %1 (signed documents still verify):</source>
        <translation>吊销 %1 的原因（已签文件仍可验证）：</translation>
    </message>
</context>
<context>
    <name>KeysSection</name>
    <message>
        <location filename="../first_run.py" line="76"/>
        <source>Signing certificate</source>
        <translation>签名证书</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="77"/>
        <source>Create the office CA and my certificate</source>
        <translation>新建本机证书颁发机构和我的签名证书</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="79"/>
        <source>Import an existing PKCS#12 file</source>
        <translation>导入已有的 PKCS#12 证书文件</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="88"/>
        <source>Office CA passphrase:</source>
        <translation>本机CA口令：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="91"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="95"/>
        <source>The passphrase is never stored; you enter it when signing. A lost passphrase cannot be recovered, only a new certificate issued.</source>
        <translation>口令不会保存；签名时需再次输入。遗失口令无法找回，只能重新签发证书。</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="97"/>
        <source> (An office CA exists: enter its passphrase.)</source>
        <translation>（本机已有CA：请输入其口令以签发新证书。）</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="98"/>
        <source> (The new CA and certificate share this passphrase.)</source>
        <translation>（新建的CA与证书使用同一口令。）</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="112"/>
        <source>File:</source>
        <translation>证书文件：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="113"/>
        <source>Passphrase:</source>
        <translation>证书口令：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="128"/>
        <source>Choose a certificate</source>
        <translation>选择证书</translation>
    </message>
</context>
<context>
    <name>LedgerDashboard</name>
    <message>
        <location filename="../ledger_dashboard.py" line="40"/>
        <source>District energy and carbon ledger</source>
        <translation>区级新增能耗与碳排放台账</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="41"/>
        <source>Commissioning year</source>
        <translation>投产年度</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="42"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="43"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="44"/>
        <source>As of %s</source>
        <translation>截至 %s</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="45"/>
        <source>Energy increment, calorific (tce)</source>
        <translation>新增能耗（当量值，tce）</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="46"/>
        <source>Energy increment, primary (tce)</source>
        <translation>新增能耗（等价值，tce）</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="47"/>
        <source>Carbon increment (tCO2)</source>
        <translation>新增碳排放（tCO2）</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="48"/>
        <source>District by commissioning year</source>
        <translation>全区（按投产年度）</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="49"/>
        <source>%s by town / park</source>
        <translation>%s 年 街镇/园区</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="50"/>
        <source>%s by industry</source>
        <translation>%s 年 行业</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="51"/>
        <source>Approved, assessed</source>
        <translation>已批计入考核</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="52"/>
        <source>Green power deducted</source>
        <translation>绿电绿证扣除</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="53"/>
        <source>Pending</source>
        <translation>拟批</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="54"/>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="55"/>
        <source>Approved (gross)</source>
        <translation>已批（总量）</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="56"/>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="57"/>
        <source>Use incl. pending</source>
        <translation>占用率（含拟批）</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="58"/>
        <source>Warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="59"/>
        <source>No budget has reached a warning level.</source>
        <translation>各项预算均未达到预警线。</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="60"/>
        <source>No district budget entered for this year: placeholder values (unverified).</source>
        <translation>该年度尚未录入区级预算，显示的是缺省占位值（未核实）。</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="61"/>
        <source>Ledger entries</source>
        <translation>台账记录</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="62"/>
        <source>Loading the ledger…</source>
        <translation>正在读取台账…</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="63"/>
        <source>The ledger is empty.</source>
        <translation>台账为空：尚无预算和已批项目。</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="64"/>
        <source>Could not load the ledger: %s</source>
        <translation>台账读取失败：%s</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="65"/>
        <source>If pending projects are approved</source>
        <translation>拟批项目计入后</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="66"/>
        <source>Edit budget…</source>
        <translation>调整预算…</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="67"/>
        <source>Budget history</source>
        <translation>预算修改记录</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="68"/>
        <source>Whole district</source>
        <translation>全区</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="69"/>
        <source>All industries</source>
        <translation>不分行业</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="70"/>
        <location filename="../ledger_dashboard.py" line="81"/>
        <source>Town / park</source>
        <translation>街镇/园区</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="71"/>
        <location filename="../ledger_dashboard.py" line="82"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="72"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="73"/>
        <source>Reason (required)</source>
        <translation>调整理由（必填）</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="74"/>
        <source>Please give a reason.</source>
        <translation>请填写调整理由。</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="75"/>
        <source>Budget saved.</source>
        <translation>预算已保存。</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="79"/>
        <source>Project code</source>
        <translation>项目代码</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="80"/>
        <source>Project</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="83"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="84"/>
        <source>Opinion no.</source>
        <translation>审查意见文号</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="85"/>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="86"/>
        <source>Started</source>
        <translation>开工日期</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="87"/>
        <source>Calorific tce</source>
        <translation>当量值 tce</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="88"/>
        <source>Primary tce</source>
        <translation>等价值 tce</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="89"/>
        <source>tCO2</source>
        <translation>碳排放 tCO2</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="90"/>
        <source>Green deducted tce</source>
        <translation>绿电绿证扣除 tce</translation>
    </message>
    <message>
        <location filename="../ledger_dashboard.py" line="91"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="118"/>
        <source>The archive could not be opened.</source>
        <translation>无法打开档案库。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121"/>
        <source>Opening the archive…</source>
        <translation>正在打开档案库……</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="315"/>
        <source>Energy and carbon review workbench — %1</source>
        <translation>节能审查与碳排放评价工作台 — %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="317"/>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="318"/>
        <source>Project code, name, builder or document number</source>
        <translation>项目代码、名称、建设单位或文号</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="319"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="320"/>
        <source>Overdue only</source>
        <translation>仅显示逾期</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="321"/>
        <source>Cases whose next statutory deadline has passed (as reviewer case list --overdue)</source>
        <translation>下一法定期限已过的案件（与 reviewer case list --overdue 相同）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="323"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="324"/>
        <source>All outcomes</source>
        <translation>全部结论</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="325"/>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="327"/>
        <location filename="../main_window.py" line="661"/>
        <source>District ledger</source>
        <translation>区域台账</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="328"/>
        <source>Loading the district ledger…</source>
        <translation>正在载入区域台账……</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="329"/>
        <source>Explanation</source>
        <translation>计算说明</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="330"/>
        <source>&amp;Import submissions…</source>
        <translation>导入申报(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="331"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="332"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="333"/>
        <source>&amp;Review selected project…</source>
        <translation>审查所选项目(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="334"/>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="335"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="336"/>
        <source>&amp;Explanation panel</source>
        <translation>计算说明面板(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="337"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="338"/>
        <source>Signing &amp;keys…</source>
        <translation>签名证书(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="339"/>
        <source>Office and certificate set-up…</source>
        <translation>机关与证书设置向导…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="340"/>
        <source>User &amp;manual</source>
        <translation>用户手册(&amp;M)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="341"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="342"/>
        <source>&amp;Review</source>
        <translation>审查(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="343"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="344"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="345"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="382"/>
        <source>All towns and parks</source>
        <translation>全部街镇园区</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="384"/>
        <source>All industries</source>
        <translation>全部行业</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="386"/>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="387"/>
        <source>All review levels</source>
        <translation>全部审查层级</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="407"/>
        <source>Searching…</source>
        <translation>正在搜索……</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="437"/>
        <source>%n project(s)</source>
        <translation>
            <numerusform>共 %n 个项目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="463"/>
        <source>%n case(s) overdue</source>
        <translation>
            <numerusform>%n 件案件已逾期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="465"/>
        <source>%n case(s) due soon</source>
        <translation>
            <numerusform>%n 件案件临近到期</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="497"/>
        <location filename="../main_window.py" line="546"/>
        <source>Loading %1…</source>
        <translation>正在载入 %1……</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="539"/>
        <source>Select a project first.</source>
        <translation>请先选择一个项目。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="648"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="649"/>
        <source>Energy-conservation review and carbon-emission evaluation workbench, version %1.</source>
        <translation>固定资产投资项目节能审查与碳排放评价工作台，版本 %1。</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../wizard/overview.py" line="58"/>
        <source>Project overview</source>
        <translation>项目概况</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="80"/>
        <source>Regime</source>
        <translation>适用办法</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="80"/>
        <source>Reviewing authority</source>
        <translation>审查机关</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="80"/>
        <source>Unverified parameters (未核实)</source>
        <translation>未核实参数</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="95"/>
        <source>The rule engine has not produced a review-requirement section for this project.</source>
        <translation>规则引擎未对本项目给出审查要求。</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="115"/>
        <source>Review requirement</source>
        <translation>审查要求</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="116"/>
        <source>Rules in force on:</source>
        <translation>适用规则日期：</translation>
    </message>
    <message>
        <location filename="../wizard/overview.py" line="117"/>
        <source>the application date</source>
        <translation>按申请日期</translation>
    </message>
</context>
<context>
    <name>PassphraseFields</name>
    <message>
        <location filename="../first_run.py" line="26"/>
        <source>too short (8+ characters)</source>
        <translation>太短（至少8位）</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="27"/>
        <source>weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="27"/>
        <source>fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="28"/>
        <source>good</source>
        <translation>较强</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="28"/>
        <source>strong</source>
        <translation>强</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="51"/>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="52"/>
        <source>Repeat:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="56"/>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <location filename="../first_run.py" line="64"/>
        <source>; the two entries differ</source>
        <translation>；两次输入不一致</translation>
    </message>
</context>
<context>
    <name>PdfDialog</name>
    <message>
        <location filename="../pdf_viewer.py" line="57"/>
        <source>Opinion document</source>
        <translation>审查意见书</translation>
    </message>
</context>
<context>
    <name>PolicyPage</name>
    <message>
        <location filename="../wizard/policy.py" line="97"/>
        <source>Efficiency and policy</source>
        <translation>能效与政策</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="137"/>
        <source>No findings for this submission.</source>
        <translation>本申报没有检查结果。</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="143"/>
        <source>engine: %1</source>
        <translation>自动检查：%1</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="144"/>
        <source>Evidence</source>
        <translation>依据数据</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="168"/>
        <source>Refused: overriding a finding needs a written reason.</source>
        <translation>未保存：改变检查结论必须填写书面理由。</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="172"/>
        <source>Nothing to record.</source>
        <translation>没有需要记录的内容。</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="184"/>
        <source>Recorded in the archive and the audit log.</source>
        <translation>已记入档案库和审计日志。</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="197"/>
        <source>Indicators and checks</source>
        <translation>能效指标与政策检查</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="198"/>
        <source>Products, buildings and equipment (申报数据)</source>
        <translation>产品、建筑与设备（申报数据）</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="199"/>
        <source>Efficiency indicators against benchmarks, then each policy check:</source>
        <translation>能效指标与标杆对比，以及各项政策符合性检查：</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="200"/>
        <source>Selected finding</source>
        <translation>所选检查项</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="201"/>
        <source>Re&amp;mark:</source>
        <translation>审查备注(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="202"/>
        <source>&amp;Override result:</source>
        <translation>改变结论(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="203"/>
        <source>Written &amp;reason:</source>
        <translation>书面理由(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="204"/>
        <source>Record decision (Ctrl+Enter)</source>
        <translation>记录审查意见（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="207"/>
        <source>— keep the engine&apos;s result —</source>
        <translation>— 保持自动检查结论 —</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="211"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="211"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="212"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="213"/>
        <source>Benchmark</source>
        <translation>标杆值</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="212"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="214"/>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="214"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="215"/>
        <source>Explanation</source>
        <translation>计算说明</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="144"/>
        <location filename="../wizard/policy.py" line="216"/>
        <source>Clause</source>
        <translation>依据条款</translation>
    </message>
    <message>
        <location filename="../wizard/policy.py" line="215"/>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ProjectTableModel</name>
    <message>
        <location filename="../project_model.py" line="62"/>
        <source>Project code</source>
        <translation>项目代码</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="63"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="64"/>
        <source>Builder</source>
        <translation>建设单位</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="65"/>
        <source>Town / park</source>
        <translation>街镇/园区</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="66"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="67"/>
        <source>Calorific (tce)</source>
        <translation>当量值（tce）</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="68"/>
        <source>Primary equiv. (tce)</source>
        <translation>等价值（tce）</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="69"/>
        <source>CO₂ (t)</source>
        <translation>碳排放（tCO₂）</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="70"/>
        <source>Review level</source>
        <translation>审查层级</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="71"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="72"/>
        <source>Applied</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="77"/>
        <source>Next deadline</source>
        <translation>下一期限</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="78"/>
        <source>Deadline</source>
        <translation>期限提示</translation>
    </message>
</context>
<context>
    <name>ProjectView</name>
    <message>
        <location filename="../project_view.py" line="209"/>
        <source>signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="209"/>
        <source>not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="215"/>
        <source>no signature</source>
        <translation>无签名</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="218"/>
        <source>intact, but not signed by this office&apos;s CA (e.g. DEMO)</source>
        <translation>签名完好，但证书非本机关CA签发（如演示证书）</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="219"/>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="219"/>
        <source>INVALID: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="230"/>
        <source>Select a project in the list to see its submission, figures and history.</source>
        <translation>在列表中选择项目，查看其申报数据、计算结果和历史记录。</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="236"/>
        <source>&amp;Review…</source>
        <translation>开始审查(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="237"/>
        <source>Submission</source>
        <translation>申报数据</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="237"/>
        <source>Assessment</source>
        <translation>评估结果</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="237"/>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="237"/>
        <source>Opinions</source>
        <translation>审查意见</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="238"/>
        <source>Audit history</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="240"/>
        <source>Project information (latest version)</source>
        <translation>项目基本信息（最新版本）</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="241"/>
        <location filename="../project_view.py" line="255"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="241"/>
        <source>Received</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="242"/>
        <source>Source file</source>
        <translation>来源文件</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="242"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="243"/>
        <source>Received by</source>
        <translation>接收人</translation>
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
        <translation>能源品种</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="244"/>
        <location filename="../project_view.py" line="247"/>
        <source>Quantity</source>
        <translation>实物量</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="245"/>
        <location filename="../project_view.py" line="248"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="245"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="246"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="248"/>
        <source>Calorific value (tce)</source>
        <translation>当量值（tce）</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="249"/>
        <source>Equivalent value (tce)</source>
        <translation>等价值（tce）</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="250"/>
        <source>Excluded because</source>
        <translation>不计入原因</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="251"/>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="251"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="253"/>
        <source>Explanation</source>
        <translation>计算说明</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="253"/>
        <source>Clause</source>
        <translation>依据条款</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="252"/>
        <source>Reviewer remark</source>
        <translation>审查备注</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="171"/>
        <location filename="../project_view.py" line="238"/>
        <source>Case file</source>
        <translation>案件卷宗</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="233"/>
        <source>Builder: %1&#x3000;Town: %2&#x3000;Status: %3</source>
        <translation>建设单位：%1&#x3000;街镇：%2&#x3000;状态：%3</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="252"/>
        <source>Override reason</source>
        <translation>改变结论理由</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="254"/>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="254"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="255"/>
        <source>Issued</source>
        <translation>出具日期</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="256"/>
        <source>Signature</source>
        <translation>签名状态</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="256"/>
        <source>Verification</source>
        <translation>验证结果</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="257"/>
        <source>Signer</source>
        <translation>签名人</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="258"/>
        <source>Signed at</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="259"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="259"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="259"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="260"/>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="260"/>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="261"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="261"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="262"/>
        <source>Annual energy, calorific value (当量值)</source>
        <translation>年综合能源消费量（当量值）</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="263"/>
        <source>Annual energy, equivalent value (等价值)</source>
        <translation>年综合能源消费量（等价值）</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="264"/>
        <source>Carbon emissions</source>
        <translation>碳排放</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="265"/>
        <source>Review level</source>
        <translation>审查层级</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="266"/>
        <source>Rules applied as of</source>
        <translation>规则适用日期</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="273"/>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
</context>
<context>
    <name>RegionalPage</name>
    <message>
        <location filename="../wizard/regional.py" line="44"/>
        <source>Regional impact</source>
        <translation>区域影响</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="50"/>
        <source>The rule engine has not produced a regional section (district budgets) for this submission.</source>
        <translation>规则引擎未对本申报给出区域影响（区能耗预算）结果。</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="66"/>
        <source>district %1 → %2 tce/万元 (%3 %)</source>
        <translation>全区 %1 → %2 tce/万元（%3 %）</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="69"/>
        <source>district ledger</source>
        <translation>区域台账</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="70"/>
        <source>rule parameters</source>
        <translation>规则参数</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="72"/>
        <source>Energy budget used by this project</source>
        <translation>本项目占用能耗预算</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="73"/>
        <source>Carbon budget used by this project</source>
        <translation>本项目占用碳排放预算</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="76"/>
        <source>Share of the district&apos;s annual budget</source>
        <translation>占全区年度预算的比例</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="79"/>
        <source>District energy budget</source>
        <translation>全区年度能耗预算</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="79"/>
        <source>Share of energy budget</source>
        <translation>占能耗预算比例</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="80"/>
        <source>District carbon budget</source>
        <translation>全区年度碳排放预算</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="80"/>
        <source>Share of carbon budget</source>
        <translation>占碳排放预算比例</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="81"/>
        <source>Energy intensity</source>
        <translation>能耗强度</translation>
    </message>
    <message>
        <location filename="../wizard/regional.py" line="81"/>
        <source>Budget figures from</source>
        <translation>预算数据来源</translation>
    </message>
</context>
<context>
    <name>ReviewWizard</name>
    <message>
        <location filename="../wizard/wizard.py" line="252"/>
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="263"/>
        <source>Close the review</source>
        <translation>关闭审查</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="264"/>
        <source>The review is not finished. Keep the draft and close? (The draft opens again next time.)</source>
        <translation>审查尚未完成。保存草稿并关闭？（下次打开时继续。）</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="285"/>
        <source>Review %1</source>
        <translation>审查 %1</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="289"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="291"/>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="291"/>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <location filename="../wizard/wizard.py" line="293"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>SectionForm</name>
    <message>
        <location filename="../wizard/sections.py" line="274"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../wizard/sections.py" line="275"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>SectionTableModel</name>
    <message>
        <location filename="../wizard/sections.py" line="141"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../wizard/sections.py" line="141"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>SectionsPanel</name>
    <message>
        <location filename="../wizard/sections.py" line="393"/>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <location filename="../wizard/sections.py" line="394"/>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="191"/>
        <source>PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 证书 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="197"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="198"/>
        <source>Manage signing certificates…</source>
        <translation>管理签名证书（签发、导入、吊销）…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="207"/>
        <source>District energy and carbon budgets are edited on the District ledger page. A changed archive location applies the next time the workbench starts.</source>
        <translation>区能耗和碳排放预算在“区域台账”页面维护。更改档案库位置后，下次启动工作台时生效。</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../project_model.py" line="482"/>
        <source>Rejected</source>
        <translation>不予通过</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="481"/>
        <source>Received</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="455"/>
        <source>correction notice</source>
        <translation>补正告知</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="456"/>
        <source>acceptance</source>
        <translation>补正后受理</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="457"/>
        <source>decision</source>
        <translation>审查决定</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="462"/>
        <source>OVERDUE</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="462"/>
        <source>due soon</source>
        <translation>临近到期</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="481"/>
        <source>In review</source>
        <translation>审查中</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="481"/>
        <source>Correction requested</source>
        <translation>补正中</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="482"/>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="482"/>
        <source>Lapsed</source>
        <translation>已失效</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="488"/>
        <source>No separate review</source>
        <translation>不单独审查</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="489"/>
        <source>District</source>
        <translation>区级</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="490"/>
        <source>Municipal</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="491"/>
        <source>National (NDRC)</source>
        <translation>国家级</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="496"/>
        <source>Approval</source>
        <translation>审查意见</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="496"/>
        <source>Rejection</source>
        <translation>不予通过意见</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="496"/>
        <source>Correction notice</source>
        <translation>补正通知</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="497"/>
        <source>Acceptance</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../project_model.py" line="497"/>
        <source>Change</source>
        <translation>变更意见</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="55"/>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="55"/>
        <source>Warning</source>
        <translation>警示</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="56"/>
        <source>Fail</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../project_view.py" line="57"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <location filename="../trace_panel.py" line="82"/>
        <source>Click a figure to see how it was computed: inputs, parameters with their source, formula and clause.</source>
        <translation>点击任一数字，查看其计算过程：输入数据及单位、参数取值及来源、公式和依据条款。</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="90"/>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="90"/>
        <source>Clause</source>
        <translation>依据条款</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="90"/>
        <source>Inputs</source>
        <translation>输入数据</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="91"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="91"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="91"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="91"/>
        <source>From</source>
        <translation>出处</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="92"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="92"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="92"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="93"/>
        <source>Verified</source>
        <translation>核实</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="93"/>
        <source>verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="93"/>
        <source>unverified (未核实)</source>
        <translation>未核实</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="94"/>
        <source>overridden, was</source>
        <translation>已覆盖，原值</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="94"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../trace_panel.py" line="132"/>
        <source>How this figure was computed</source>
        <translation>计算过程</translation>
    </message>
</context>
</TS>
