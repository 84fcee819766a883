<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>The settings file could not be read; defaults are used.</source>
        <extracomment>Mean seconds between simulated inbound calls; None: only when asked (training button). Qt messages that say nothing about the app (the offscreen plugin&apos;s limits).</extracomment>
        <translation>无法读取设置文件，已使用默认设置。</translation>
    </message>
    <message>
        <source>Team database</source>
        <translation>团队数据库</translation>
    </message>
    <message>
        <source>No system keyring is available. Password for the team database:</source>
        <translation>系统钥匙串不可用。请输入团队数据库的密码：</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Finish the current call first.</source>
        <extracomment>Telephony events kept while the call services start (the app is opening): the latest ones. The wrap-up was sent and is being saved: it is not sent twice, and the desk may dial. The lead the dialer handed out, for an outbound call placed from the dialer page. The ringing event, until the call&apos;s row has been asked for (see ``_log_ringing``). The row id as the database worker wrote it. Only jobs on that worker read it: they run one at a time in order, so a job queued after the write sees it before ``row_id`` (set on the GUI thread when the result arrives) may be. A screen pop is on screen (ScreenPop). The agent state changed: (AgentState, reason or None, since). A call was written to the log (wrap-up saved): pages showing calls may refresh. The agent asked to see a customer. The agent asked to create a customer for the caller: (raw number, place, carrier). A call to a lead has its row in the log: (lead id, calls.id). The callee of a lead&apos;s call picked up: lead id. A call to a lead ended (the dialer page records its outcome): lead id. Events that came before the services were ready, replayed in order when they are.</extracomment>
        <translation>请先结束当前通话。</translation>
    </message>
    <message>
        <source>The call is still being saved. Try again.</source>
        <translation>通话仍在保存中，请稍后再试。</translation>
    </message>
</context>
<context>
    <name>CallLists</name>
    <message>
        <source>every day</source>
        <extracomment>Qt&apos;s Monday..Sunday (``Qt.DayOfWeek`` 1..7) for the bits 0..6 of ``weekdays``. The row&apos;s list id, for views and tests.</extracomment>
        <translation>每天</translation>
    </message>
    <message>
        <source>no day</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>CallListsModel</name>
    <message>
        <source>Call list</source>
        <translation>呼叫名单</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Calling window</source>
        <translation>呼叫时段</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Callable now</source>
        <translation>当前可呼</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>已接通</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Lists with a higher priority are called first.</source>
        <translation>优先级高的名单先呼叫。</translation>
    </message>
    <message>
        <source>When leads may be called, in the callee&apos;s local time.</source>
        <translation>可以呼叫线索的时间（按被叫方当地时间）。</translation>
    </message>
    <message>
        <source>Leads the dialer may offer right now.</source>
        <translation>拨号器此刻可以分配的线索。</translation>
    </message>
    <message>
        <source>Share of dialled leads that were reached.</source>
        <translation>已拨打线索中接通的比例。</translation>
    </message>
    <message>
        <source>Share of reached leads that qualified.</source>
        <translation>已接通线索中合格的比例。</translation>
    </message>
    <message>
        <source>Leads that are not finished yet.</source>
        <translation>尚未完成的线索。</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <source>No call. Incoming calls pop up here.</source>
        <translation>当前没有通话。来电会在这里弹出。</translation>
    </message>
    <message>
        <source>Simulate an incoming call</source>
        <translation>模拟来电</translation>
    </message>
    <message>
        <source>Training: the simulator rings with a customer, an unknown or a withheld number</source>
        <translation>培训用：模拟器会用老客户、陌生号码或隐藏号码来电</translation>
    </message>
    <message>
        <source>&amp;Open customer</source>
        <translation>打开客户(&amp;O)</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>&amp;New customer…</source>
        <translation>新建客户(&amp;N)…</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>接听</translation>
    </message>
    <message>
        <source>F7</source>
        <translation>F7</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <source>F8</source>
        <translation>F8</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>正在呼叫…</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒接</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>On call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>Withheld number</source>
        <translation>隐藏号码</translation>
    </message>
    <message>
        <source> ext. %1</source>
        <translation> 转 %1</translation>
    </message>
    <message>
        <source>No number</source>
        <translation>无号码</translation>
    </message>
    <message numerus="yes">
        <source>This number belongs to %n customers. Who is calling?</source>
        <translation>
            <numerusform>该号码属于 %n 位客户。是谁来电？</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown caller: no customer has this number.</source>
        <translation>陌生来电：没有客户使用此号码。</translation>
    </message>
    <message>
        <source>The caller withheld the number. Ask who is calling.</source>
        <translation>来电隐藏了号码。请询问来电者身份。</translation>
    </message>
    <message>
        <source>The number could not be read.</source>
        <translation>无法识别该号码。</translation>
    </message>
</context>
<context>
    <name>CallbackPicker</name>
    <message>
        <source>Call back</source>
        <extracomment>The buttons, in the order shown and numbered (Alt+1 …).</extracomment>
        <translation>回拨</translation>
    </message>
    <message>
        <source>Call back on (your local time):</source>
        <translation>回拨时间（您的本地时间）：</translation>
    </message>
    <message>
        <source>The callback must be in the future.</source>
        <translation>回电时间必须在将来。</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <source>Not classified</source>
        <translation>未分级</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. VIP, 老客户</source>
        <translation>用逗号分隔，例如 VIP, 老客户</translation>
    </message>
    <message>
        <source>Agrees to marketing calls</source>
        <translation>同意接收营销电话</translation>
    </message>
    <message>
        <source>Do not call for marketing</source>
        <translation>勿做营销呼叫</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>主号码</translation>
    </message>
    <message>
        <source>Add number</source>
        <translation>添加号码</translation>
    </message>
    <message>
        <source>Remove number</source>
        <translation>删除号码</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation>公司(&amp;C)：</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>等级：</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>城市：</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>电子邮件：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Phone numbers:</source>
        <translation>电话号码：</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>住宅</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <source>Back</source>
        <extracomment>The agent wants to call this number (E.164). The customer shown, once loaded; ``None`` while another one is loading. The latest load or save: results of older ones are dropped (the agent moved on). Customers with a save on its way: loading one of them queues behind its save.</extracomment>
        <translation>返回</translation>
    </message>
    <message>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Call the selected number, or the primary one</source>
        <translation>拨打所选号码（未选则拨打主号码）</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>%1 类</translation>
    </message>
    <message numerus="yes">
        <source>%n open item(s)</source>
        <translation>
            <numerusform>%n 项待办</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The changes to %1 were not saved.</source>
        <translation>对%1的修改未能保存。</translation>
    </message>
    <message>
        <source>Someone else changed this customer; their version is shown now.</source>
        <translation>其他人已修改了此客户；现在显示的是最新版本。</translation>
    </message>
</context>
<context>
    <name>CustomerProblems</name>
    <message>
        <source>Phone %1</source>
        <translation>电话 %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not a phone number</source>
        <translation>不是电话号码</translation>
    </message>
    <message>
        <source>has an unknown country code</source>
        <translation>的国家代码未知</translation>
    </message>
    <message>
        <source>is too short (add the area code?)</source>
        <translation>太短（是否缺少区号？）</translation>
    </message>
    <message>
        <source>is too long</source>
        <translation>太长</translation>
    </message>
    <message>
        <source>no longer exists</source>
        <translation>已不存在</translation>
    </message>
    <message>
        <source>is not a valid number</source>
        <translation>不是有效号码</translation>
    </message>
    <message>
        <source>is entered twice</source>
        <translation>重复输入</translation>
    </message>
    <message>
        <source>is not valid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>has more than one primary number</source>
        <translation>有多个主号码</translation>
    </message>
</context>
<context>
    <name>DialerPage</name>
    <message>
        <source>Outbound calls</source>
        <extracomment>Outcomes that may be recorded before the lead was called. Outcomes that are a screening verdict (the override applies to them). The agent wants to call the lead: number (E.164), lead id, customer id or ``None``. The lead is linked to this customer and the agent wants to see them. An outcome was stored (``dialer.OutcomeResult``). A lead is shown (``dialer.LeadCard``), or ``None`` when none is.</extracomment>
        <translation>外呼</translation>
    </message>
    <message>
        <source>Take leads from every active list or from one</source>
        <translation>从所有进行中的名单或某一个名单取线索</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Give this lead back without calling it</source>
        <translation>不拨打，退回这条线索</translation>
    </message>
    <message>
        <source>Next lead</source>
        <translation>下一条线索</translation>
    </message>
    <message>
        <source>The best lead you may call now (Ctrl+N)</source>
        <translation>现在可以拨打的最佳线索（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;List:</source>
        <translation>名单(&amp;L)：</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>拨打</translation>
    </message>
    <message>
        <source>Press “Next lead” (Ctrl+N) to get the best lead to call.</source>
        <translation>按“下一条线索”（Ctrl+N）获取最该拨打的线索。</translation>
    </message>
    <message>
        <source>Call the lead&apos;s number</source>
        <translation>拨打该线索的号码</translation>
    </message>
    <message>
        <source>No phone is connected: dial the number on your desk phone</source>
        <translation>未连接电话：请用座机拨打此号码</translation>
    </message>
    <message>
        <source>Looking for the next lead…</source>
        <translation>正在查找下一条线索…</translation>
    </message>
    <message>
        <source>Skipping…</source>
        <translation>正在跳过…</translation>
    </message>
    <message>
        <source>The call could not be placed.</source>
        <translation>无法发起呼叫。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>All active lists</source>
        <translation>所有进行中的名单</translation>
    </message>
    <message numerus="yes">
        <source>No other lead can be called now. The %n lead(s) you skipped can be taken again: press “Next lead”.</source>
        <translation>
            <numerusform>现在没有其他可拨打的线索。您跳过的 %n 条线索可以重新领取：请按“下一条线索”。</numerusform>
        </translation>
    </message>
    <message>
        <source>No lead can be called now. The next one can be called from %1 (a retry or callback comes due, or a calling window opens).</source>
        <translation>现在没有可以拨打的线索。下一条从 %1 起可以拨打（重拨或回拨时间到了，或呼叫时段开始了）。</translation>
    </message>
    <message>
        <source>No lead can be called now: every lead is done, waiting for its next try, or outside its calling hours. Try again later.</source>
        <translation>现在没有可拨打的线索：线索均已处理完、在等待下次重拨，或不在允许呼叫的时段。请稍后再试。</translation>
    </message>
    <message>
        <source>Press “Next lead” (Ctrl+N) to get the next lead.</source>
        <translation>按“下一条线索”（Ctrl+N）获取下一条线索。</translation>
    </message>
    <message>
        <source>This lead is no longer yours (its reservation ran out or it was changed elsewhere). Press “Next lead”.</source>
        <translation>这条线索已不再分配给您（预留已过期或已在别处修改）。请按“下一条线索”。</translation>
    </message>
    <message>
        <source>Sign in as an agent to call leads (Settings → Agent login).</source>
        <translation>请以坐席身份登录后再拨打线索（设置 → 坐席工号）。</translation>
    </message>
    <message>
        <source>No call list is active. Ask your team lead to start one.</source>
        <translation>没有进行中的呼叫名单。请联系组长启动名单。</translation>
    </message>
    <message>
        <source>The answers do not reach the threshold, so the lead does not qualify. To qualify it anyway, tick “Override” and give a reason.</source>
        <translation>答案得分未达到合格线，该线索不合格。如仍要判为合格，请勾选“人工改判”并填写原因。</translation>
    </message>
    <message>
        <source>Give a reason for the override.</source>
        <translation>请填写改判原因。</translation>
    </message>
    <message>
        <source>The reason for the override is too long.</source>
        <translation>改判原因太长。</translation>
    </message>
    <message>
        <source>The callback must be in the future.</source>
        <translation>回电时间必须在将来。</translation>
    </message>
    <message>
        <source>Some answers are not valid: check the questions.</source>
        <translation>部分答案无效：请检查问题。</translation>
    </message>
    <message>
        <source>Lead qualified — handed off to sales.</source>
        <translation>线索合格——已转交销售。</translation>
    </message>
    <message>
        <source>Lead qualified.</source>
        <translation>线索合格。</translation>
    </message>
    <message>
        <source>Not interested — the lead is closed.</source>
        <translation>不感兴趣——线索已关闭。</translation>
    </message>
    <message>
        <source>Callback scheduled for %1.</source>
        <translation>已预约 %1 回拨。</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>占线</translation>
    </message>
    <message>
        <source>%1 — all attempts are used.</source>
        <translation>%1——拨打次数已用完。</translation>
    </message>
    <message>
        <source>%1 — next try at %2.</source>
        <translation>%1——下次拨打时间 %2。</translation>
    </message>
    <message>
        <source>Wrong number — the lead is closed.</source>
        <translation>号码错误——线索已关闭。</translation>
    </message>
    <message>
        <source>Do not call — the number will not be called again.</source>
        <translation>勿扰——该号码不会再被拨打。</translation>
    </message>
    <message>
        <source>Outcomes are recorded after the call; “Wrong number” and “Do not call” also before it.</source>
        <translation>通话结束后记录结果；“号码错误”和“勿扰”也可在拨打前记录。</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>正在呼叫…</translation>
    </message>
    <message>
        <source>Talking</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>Call ended — record the outcome.</source>
        <translation>通话已结束——请记录结果。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong inside the application. Details are in the log file: {0}</source>
        <translation>应用程序内部出错。详细信息已写入日志文件：{0}</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>这不是有效的电话号码。</translation>
    </message>
    <message>
        <source>The database cannot be opened. Check the database settings.</source>
        <translation>无法打开数据库。请检查数据库设置。</translation>
    </message>
    <message>
        <source>The database was written by a newer version of this application. Please update the application.</source>
        <translation>该数据库由更新版本的应用程序写入。请更新应用程序。</translation>
    </message>
    <message>
        <source>The database could not be updated. A backup was kept.</source>
        <translation>数据库升级失败。已保留备份。</translation>
    </message>
    <message>
        <source>The team hub cannot be reached. Your work is kept on this computer.</source>
        <translation>无法连接团队服务器。您的工作已保存在本机。</translation>
    </message>
    <message>
        <source>The settings file cannot be read or written.</source>
        <translation>无法读取或写入设置文件。</translation>
    </message>
    <message>
        <source>Someone else changed this record in the meantime.</source>
        <translation>此记录已被他人修改。</translation>
    </message>
    <message>
        <source>This record no longer exists.</source>
        <translation>此记录已不存在。</translation>
    </message>
    <message>
        <source>No system keyring is available: passwords are asked for each session.</source>
        <translation>系统钥匙串不可用：每次启动都需要输入密码。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import customers</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <source>Open the report of rejected rows</source>
        <translation>打开被拒行报告</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：没有导入任何数据。</translation>
    </message>
    <message>
        <source>%1 rows: %2 imported, %3 duplicates, %4 rejected.</source>
        <translation>共 %1 行：导入 %2 行，重复 %3 行，拒绝 %4 行。</translation>
    </message>
</context>
<context>
    <name>ImportProgress</name>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>%1 of about %2 rows read</source>
        <translation>已读取 %1 行，共约 %2 行</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) read</source>
        <translation>
            <numerusform>已读取 %n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>呼叫名单</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>拨打次数</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>下次拨打</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>SLA 截止</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>分机</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>呼出</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>已告知信息</translation>
    </message>
    <message>
        <source>Complaint opened</source>
        <translation>已建投诉</translation>
    </message>
    <message>
        <source>Callback scheduled</source>
        <translation>已约回电</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>占线</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Not interested</source>
        <translation>不感兴趣</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <source>Do not call</source>
        <translation>勿扰</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>待重拨</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回电</translation>
    </message>
    <message>
        <source>Handed off</source>
        <translation>已移交销售</translation>
    </message>
    <message>
        <source>Attempts used up</source>
        <translation>拨打次数已用完</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Product quality</source>
        <translation>产品质量</translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Waiting for customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>已重开</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已安排</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>已错过</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>LeadCardView</name>
    <message>
        <source>This lead is one of our customers</source>
        <translation>该线索是我们的客户</translation>
    </message>
    <message>
        <source>Attempts:</source>
        <translation>拨打次数：</translation>
    </message>
    <message>
        <source>Last outcome:</source>
        <translation>上次结果：</translation>
    </message>
    <message>
        <source>Call list:</source>
        <translation>呼叫名单：</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无姓名）</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 次，共 %2 次</translation>
    </message>
    <message>
        <source>Never called</source>
        <translation>从未拨打</translation>
    </message>
    <message>
        <source>Callback due %1</source>
        <translation>回拨时间 %1</translation>
    </message>
    <message>
        <source>Callback due</source>
        <translation>待回拨</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Local time %1</source>
        <translation>当地时间 %1</translation>
    </message>
    <message>
        <source>The number&apos;s time zone is unknown: the call center&apos;s zone is shown</source>
        <translation>该号码的时区未知：显示的是呼叫中心所在时区</translation>
    </message>
</context>
<context>
    <name>LeadImportDialog</name>
    <message>
        <source>Import leads</source>
        <translation>导入线索</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose a call list or type the name of a new one</source>
        <translation>选择呼叫名单，或输入新名单的名称</translation>
    </message>
    <message>
        <source>Call list:</source>
        <translation>呼叫名单：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Read as:</source>
        <translation>读取方式：</translation>
    </message>
    <message>
        <source>Reading file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Choose above each column what it holds. Highlighted columns are imported; the others are ignored.</source>
        <translation>请在每列上方选择该列的内容。高亮的列会被导入，其余列将被忽略。</translation>
    </message>
    <message>
        <source>Rows in the file:</source>
        <translation>文件行数：</translation>
    </message>
    <message>
        <source>Imported:</source>
        <translation>已导入：</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>重复：</translation>
    </message>
    <message>
        <source>On the do-not-call list:</source>
        <translation>在勿扰名单中：</translation>
    </message>
    <message>
        <source>Invalid:</source>
        <translation>无效：</translation>
    </message>
    <message>
        <source>Open the report of rejected rows</source>
        <translation>打开被拒行报告</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>ABC class</source>
        <translation>ABC 分类</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>— Ignore —</source>
        <translation>— 忽略 —</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>逗号分隔</translation>
    </message>
    <message>
        <source>tab-separated</source>
        <translation>制表符分隔</translation>
    </message>
    <message>
        <source>semicolon-separated</source>
        <translation>分号分隔</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>about %1 rows</source>
        <translation>约 %1 行</translation>
    </message>
    <message>
        <source>Choose a call list or type the name of a new one.</source>
        <translation>请选择呼叫名单，或输入新名单的名称。</translation>
    </message>
    <message>
        <source>The leads are added to this call list.</source>
        <translation>线索将加入此呼叫名单。</translation>
    </message>
    <message>
        <source>A new call list “%1” will be created.</source>
        <translation>将新建呼叫名单“%1”。</translation>
    </message>
    <message>
        <source>Nothing can be imported without: %1. Choose it above the column that holds it.</source>
        <translation>缺少以下内容无法导入：%1。请在对应列上方选择它。</translation>
    </message>
    <message>
        <source>Importing %1 into the call list “%2”…</source>
        <translation>正在将 %1 导入呼叫名单“%2”…</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>Nothing was imported and no call list was created.</source>
        <translation>未导入任何数据，也未创建呼叫名单。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何数据。</translation>
    </message>
    <message>
        <source>Imported %1 of %2 rows into the call list “%3”.</source>
        <translation>已将 %2 行中的 %1 行导入呼叫名单“%3”。</translation>
    </message>
    <message>
        <source>The rows that were not imported, with their line and the reason, are in %1</source>
        <translation>未导入的行（含行号和原因）记录在 %1</translation>
    </message>
    <message>
        <source>The leads could not be imported</source>
        <translation>线索无法导入</translation>
    </message>
    <message>
        <source>1 Columns</source>
        <translation>1 列对应</translation>
    </message>
    <message>
        <source>2 Import</source>
        <translation>2 导入</translation>
    </message>
    <message>
        <source>The file %1 cannot be read. Check that it still exists and is not open in another program.</source>
        <translation>无法读取文件 %1。请确认文件仍然存在，且未被其他程序打开。</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>文件 %1 是空的。</translation>
    </message>
    <message>
        <source>The first row of %1 must name the columns (for example 姓名, 手机 or name, phone).</source>
        <translation>%1 的第一行必须是列名（例如 姓名、手机 或 name、phone）。</translation>
    </message>
    <message>
        <source>%1 is neither a CSV file nor an Excel workbook (.xlsx). Save an old .xls or a password-protected workbook as .xlsx or .csv and import that.</source>
        <translation>%1 既不是 CSV 文件，也不是 Excel 工作簿（.xlsx）。请将旧版 .xls 或加密的工作簿另存为 .xlsx 或 .csv 后再导入。</translation>
    </message>
    <message>
        <source>No column of %1 holds the phone numbers.</source>
        <translation>%1 中没有包含电话号码的列。</translation>
    </message>
    <message>
        <source>The report of rejected rows cannot be written next to %1: copy the file to a folder you may write to and import it from there.</source>
        <translation>无法在 %1 旁边写入拒绝行报告：请将文件复制到有写入权限的文件夹后再导入。</translation>
    </message>
    <message>
        <source>This name cannot be used for a call list.</source>
        <translation>此名称不能用作呼叫名单名称。</translation>
    </message>
    <message>
        <source>A call list of this name was deleted: choose another name.</source>
        <translation>同名的呼叫名单已被删除：请换一个名称。</translation>
    </message>
</context>
<context>
    <name>ListEditor</name>
    <message>
        <source>New call list</source>
        <extracomment>Where each field&apos;s problems are shown (``retry_rules.busy`` → ``retry_rules``). The list was saved (a ``CallListInfo``). The list to edit is on screen (at once for a new list).</extracomment>
        <translation>新建呼叫名单</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>呼叫名单</translation>
    </message>
    <message>
        <source>e.g. 2026 Q4 企业宽带</source>
        <translation>例如：2026 Q4 企业宽带</translation>
    </message>
    <message>
        <source>Lists with a higher priority are called first.</source>
        <translation>优先级高的名单先呼叫。</translation>
    </message>
    <message>
        <source>Active: the dialer offers its leads</source>
        <translation>启用：拨号器分配其线索</translation>
    </message>
    <message>
        <source>00:00 means until midnight.</source>
        <translation>00:00 表示到午夜为止。</translation>
    </message>
    <message>
        <source>callee&apos;s local time</source>
        <translation>被叫方当地时间</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>After no answer, retry in:</source>
        <translation>无人接听后重拨间隔：</translation>
    </message>
    <message>
        <source>After busy, retry in:</source>
        <translation>占线后重拨间隔：</translation>
    </message>
    <message>
        <source>Attempts per lead, at most:</source>
        <translation>每条线索最多拨打次数：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>优先级：</translation>
    </message>
    <message>
        <source>Calling window:</source>
        <translation>呼叫时段：</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Retries:</source>
        <translation>重拨：</translation>
    </message>
    <message>
        <source>Screening script</source>
        <translation>筛选问卷</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Call list: %1</source>
        <translation>呼叫名单：%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Call list changed</source>
        <translation>呼叫名单已被修改</translation>
    </message>
    <message>
        <source>Someone else changed this list while you were editing it.</source>
        <translation>您编辑期间，其他人修改了此名单。</translation>
    </message>
    <message>
        <source>Reload it? Your changes will be lost; choose No to keep editing.</source>
        <translation>要重新加载吗？您的修改将丢失；选择“否”继续编辑。</translation>
    </message>
    <message>
        <source>Someone else changed this list; reload it before saving.</source>
        <translation>其他人修改了此名单，请重新加载后再保存。</translation>
    </message>
</context>
<context>
    <name>ListProblems</name>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Too long.</source>
        <translation>太长。</translation>
    </message>
    <message>
        <source>Another call list already has this name.</source>
        <translation>已有呼叫名单使用此名称。</translation>
    </message>
    <message>
        <source>Not valid.</source>
        <translation>无效。</translation>
    </message>
    <message>
        <source>Out of the allowed range.</source>
        <translation>超出允许范围。</translation>
    </message>
    <message>
        <source>The window must end after it starts.</source>
        <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>Choose at least one day.</source>
        <translation>请至少选择一天。</translation>
    </message>
    <message>
        <source>Unknown call outcome.</source>
        <translation>未知的呼叫结果。</translation>
    </message>
    <message>
        <source>Must be a JSON object.</source>
        <translation>必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>Not a number.</source>
        <translation>不是数字。</translation>
    </message>
    <message>
        <source>Must be true or false.</source>
        <translation>必须是 true 或 false。</translation>
    </message>
    <message>
        <source>Unknown question type.</source>
        <translation>未知的问题类型。</translation>
    </message>
    <message>
        <source>Used twice.</source>
        <translation>重复使用。</translation>
    </message>
    <message>
        <source>Add at least one question.</source>
        <translation>请至少添加一个问题。</translation>
    </message>
    <message>
        <source>The minimum is above the maximum.</source>
        <translation>最小值大于最大值。</translation>
    </message>
    <message>
        <source>The bands overlap.</source>
        <translation>区间有重叠。</translation>
    </message>
    <message>
        <source>Not supported.</source>
        <translation>不支持。</translation>
    </message>
    <message>
        <source>This is not valid JSON.</source>
        <translation>这不是有效的 JSON。</translation>
    </message>
    <message>
        <source>This list no longer exists.</source>
        <translation>此名单已不存在。</translation>
    </message>
    <message>
        <source>Question %1</source>
        <translation>问题 %1</translation>
    </message>
    <message>
        <source>option %1</source>
        <translation>选项 %1</translation>
    </message>
    <message>
        <source>band %1</source>
        <translation>区间 %1</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>bands</source>
        <translation>区间</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>合格分数线</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必答</translation>
    </message>
    <message>
        <source>points</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>最大值</translation>
    </message>
</context>
<context>
    <name>ListProgressView</name>
    <message>
        <source>Leads:</source>
        <translation>线索：</translation>
    </message>
    <message>
        <source>Callable now:</source>
        <translation>当前可呼：</translation>
    </message>
    <message>
        <source>Remaining:</source>
        <translation>剩余：</translation>
    </message>
    <message>
        <source>Attempts:</source>
        <translation>拨打次数：</translation>
    </message>
    <message>
        <source>Dialled:</source>
        <translation>已拨打：</translation>
    </message>
    <message>
        <source>Contacted:</source>
        <translation>已接通：</translation>
    </message>
    <message>
        <source>Contact rate:</source>
        <translation>接通率：</translation>
    </message>
    <message>
        <source>Qualified:</source>
        <translation>合格：</translation>
    </message>
    <message>
        <source>Qualification rate:</source>
        <translation>合格率：</translation>
    </message>
    <message>
        <source>Contacted leads out of dialled leads.</source>
        <translation>已接通线索占已拨打线索的比例。</translation>
    </message>
    <message>
        <source>Qualified leads out of contacted leads.</source>
        <translation>合格线索占已接通线索的比例。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Select a call list to see its progress.</source>
        <translation>选择一个呼叫名单以查看进度。</translation>
    </message>
    <message>
        <source>Leads by state:</source>
        <translation>各状态线索：</translation>
    </message>
</context>
<context>
    <name>ListsPage</name>
    <message>
        <source>Call lists</source>
        <extracomment>A list was created, edited, paused or resumed. The user wants to import leads into the named list. A passing message for the status bar. The table shows a fresh load. An export finished (the path written). The latest refresh: an older one read the lists before a change made since. Lists whose pause or resume is on the worker: their button stays off meanwhile.</extracomment>
        <translation>呼叫名单</translation>
    </message>
    <message>
        <source>New list…</source>
        <translation>新建名单…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Import leads…</source>
        <translation>导入线索…</translation>
    </message>
    <message>
        <source>Export progress…</source>
        <translation>导出进度…</translation>
    </message>
    <message>
        <source>Export hand-offs…</source>
        <translation>导出转交线索…</translation>
    </message>
    <message>
        <source>The qualified leads of the selected list</source>
        <translation>所选名单的合格线索</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <source>%n list(s)</source>
        <translation>
            <numerusform>%n 个名单</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the call lists.</source>
        <translation>无法加载呼叫名单。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Start calling this list again</source>
        <translation>重新开始呼叫此名单</translation>
    </message>
    <message>
        <source>Stop offering this list&apos;s leads to the agents</source>
        <translation>停止向坐席分配此名单的线索</translation>
    </message>
    <message>
        <source>Call list “%1” saved.</source>
        <translation>呼叫名单“%1”已保存。</translation>
    </message>
    <message>
        <source>Call list “%1” resumed.</source>
        <translation>呼叫名单“%1”已恢复。</translation>
    </message>
    <message>
        <source>Call list “%1” paused.</source>
        <translation>呼叫名单“%1”已暂停。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>导出进度</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message numerus="yes">
        <source>Progress of %n list(s) written to %1.</source>
        <translation>
            <numerusform>已将 %n 个名单的进度写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export hand-offs</source>
        <translation>导出转交线索</translation>
    </message>
    <message numerus="yes">
        <source>%n qualified lead(s) written to %1.</source>
        <translation>
            <numerusform>已将 %n 条合格线索写入 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Callcenter</source>
        <extracomment>The first work area has painted rows from the database (start-up is over). The database could not be opened or migrated.</extracomment>
        <translation>呼叫中心</translation>
    </message>
    <message>
        <source> — demo</source>
        <translation> — 演示</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>最近通话</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n 通电话</numerusform>
        </translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>线索</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n 条线索</numerusform>
        </translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message numerus="yes">
        <source>%n complaint(s)</source>
        <translation>
            <numerusform>%n 件投诉</numerusform>
        </translation>
    </message>
    <message>
        <source>Callbacks and return visits</source>
        <translation>回电与回访</translation>
    </message>
    <message numerus="yes">
        <source>%n callback(s)</source>
        <translation>
            <numerusform>%n 个回电</numerusform>
        </translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s)</source>
        <translation>
            <numerusform>%n 名坐席</numerusform>
        </translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>Dialer</source>
        <translation>外呼</translation>
    </message>
    <message>
        <source>Call lists</source>
        <translation>呼叫名单</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回电</translation>
    </message>
    <message>
        <source>Go to %1 (Ctrl+%2)</source>
        <translation>转到%1（Ctrl+%2）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Agent: not signed in</source>
        <translation>坐席：未登录</translation>
    </message>
    <message>
        <source>Phone: not connected</source>
        <translation>电话：未连接</translation>
    </message>
    <message>
        <source>No phone system is configured yet.</source>
        <translation>尚未配置电话系统。</translation>
    </message>
    <message>
        <source>Database: opening…</source>
        <translation>数据库：正在打开…</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>You are working in the demo database.</source>
        <translation>您正在使用演示数据库。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Import customers…</source>
        <translation>导入客户(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;leads…</source>
        <translation>导入线索(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Next lead (in the dialer)</source>
        <translation>下一条线索（外呼页面）</translation>
    </message>
    <message>
        <source>Record the outcome of a lead&apos;s call (in the dialer)</source>
        <translation>记录线索通话结果（外呼页面）</translation>
    </message>
    <message>
        <source>Save the customer</source>
        <translation>保存客户</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Customer saved.</source>
        <translation>客户已保存。</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>电子表格 (*.csv *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>demo database</source>
        <translation>演示数据库</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Set your agent login in the settings.</source>
        <translation>请在设置中填写您的坐席登录名。</translation>
    </message>
    <message>
        <source>Database: unavailable</source>
        <translation>数据库：不可用</translation>
    </message>
    <message>
        <source>Settings saved. Restart the application to apply them.</source>
        <translation>设置已保存。请重启应用程序以使其生效。</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <source>Pause with a reason</source>
        <translation>带原因小休</translation>
    </message>
    <message>
        <source>Choose the disposition in the wrap-up</source>
        <translation>在话后整理中选择处理结果</translation>
    </message>
    <message>
        <source>Save the wrap-up</source>
        <translation>保存话后整理</translation>
    </message>
    <message>
        <source>Go to a work area</source>
        <translation>切换工作区</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>关于%1</translation>
    </message>
    <message>
        <source>%1 %2
A desktop client for call-center agents and team leads.</source>
        <translation>%1 %2
面向呼叫中心坐席和组长的桌面客户端。</translation>
    </message>
</context>
<context>
    <name>MappingHeader</name>
    <message>
        <source>Recognised from the header as: %1</source>
        <translation>根据表头识别为：%1</translation>
    </message>
    <message>
        <source>Choose what this column holds.</source>
        <translation>选择此列的内容。</translation>
    </message>
</context>
<context>
    <name>NewCustomerDialog</name>
    <message>
        <source>New customer</source>
        <extracomment>The customer was saved (CustomerProfile); ``next_step`` tells what the agent asked next.</extracomment>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Caller: %1</source>
        <translation>来电：%1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save and open a complaint</source>
        <translation>保存并建立投诉</translation>
    </message>
    <message>
        <source>Save as a lead</source>
        <translation>保存为线索</translation>
    </message>
    <message>
        <source>Call list:</source>
        <translation>呼叫名单：</translation>
    </message>
    <message>
        <source>No active call list</source>
        <translation>没有启用的呼叫名单</translation>
    </message>
</context>
<context>
    <name>OutboundDesk</name>
    <message numerus="yes">
        <source>%n qualified lead(s) handed off to sales.</source>
        <translation>
            <numerusform>已将 %n 条合格线索转交销售。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hand-off(s) could not be delivered and were given up: export them from Call lists.</source>
        <translation>
            <numerusform>%n 条转交无法送达，已放弃：请在“呼叫名单”中导出。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import leads</source>
        <translation>导入线索</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>电子表格 (*.csv *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>OutcomeBar</name>
    <message>
        <source>Qualified</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Not interested</source>
        <translation>不感兴趣</translation>
    </message>
    <message>
        <source>Callback…</source>
        <translation>预约回拨…</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>占线</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <source>Do not call…</source>
        <translation>勿扰…</translation>
    </message>
    <message>
        <source>The lead qualifies: hand it off to sales</source>
        <translation>线索合格：转交销售</translation>
    </message>
    <message>
        <source>The callee is not interested: close the lead</source>
        <translation>对方不感兴趣：关闭线索</translation>
    </message>
    <message>
        <source>The callee asked to be called back at a set time</source>
        <translation>对方要求在指定时间回拨</translation>
    </message>
    <message>
        <source>Nobody answered: try again later</source>
        <translation>无人接听：稍后重拨</translation>
    </message>
    <message>
        <source>The line was busy: try again soon</source>
        <translation>占线：稍后重拨</translation>
    </message>
    <message>
        <source>The number does not belong to this lead</source>
        <translation>该号码不属于此线索</translation>
    </message>
    <message>
        <source>The callee asks never to be called again</source>
        <translation>对方要求不再来电</translation>
    </message>
    <message>
        <source>Notes (for the callback, or why the number must not be called)</source>
        <translation>备注（回拨事项，或不得再拨打的原因）</translation>
    </message>
    <message>
        <source>Do not call</source>
        <translation>勿扰</translation>
    </message>
    <message>
        <source>The number will never be called again by any list.</source>
        <translation>任何名单都不会再拨打该号码。</translation>
    </message>
    <message>
        <source>Put it on the do-not-call list?</source>
        <translation>加入勿扰名单？</translation>
    </message>
    <message>
        <source>Never call again</source>
        <translation>不再拨打</translation>
    </message>
</context>
<context>
    <name>PhoneMenu</name>
    <message>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Answer</source>
        <translation>接听(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Hang up / reject</source>
        <translation>挂断/拒接(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Open the caller&apos;s customer record</source>
        <translation>打开来电客户档案(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Ready</source>
        <translation>就绪(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Simulate an incoming call</source>
        <translation>模拟来电(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>小休(&amp;P)</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>休息</translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation>午餐</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>开会</translation>
    </message>
    <message>
        <source>After-call work</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>On call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>话后整理</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>小休</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Phone: connected</source>
        <translation>电话：已连接</translation>
    </message>
    <message>
        <source>Phone: connecting…</source>
        <translation>电话：正在连接…</translation>
    </message>
    <message>
        <source>Phone: not connected</source>
        <translation>电话：未连接</translation>
    </message>
    <message>
        <source>Phone: connection failed</source>
        <translation>电话：连接失败</translation>
    </message>
</context>
<context>
    <name>PopCard</name>
    <message>
        <source>Customer class (A = most valuable)</source>
        <translation>客户等级（A 为最有价值）</translation>
    </message>
    <message numerus="yes">
        <source>%n open complaint(s)</source>
        <translation>
            <numerusform>%n 件未结投诉</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n callback(s) due</source>
        <translation>
            <numerusform>%n 个待回电</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not call for marketing</source>
        <translation>勿做营销呼叫</translation>
    </message>
    <message>
        <source>No earlier contact</source>
        <translation>此前无联系记录</translation>
    </message>
    <message>
        <source>Last contact: %1</source>
        <translation>上次联系：%1</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>This row cannot be imported (%1).</source>
        <translation>此行无法导入（%1）。</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <source>Line %1 of the file</source>
        <translation>文件第 %1 行</translation>
    </message>
</context>
<context>
    <name>QuestionPane</name>
    <message>
        <source>Yes / no</source>
        <extracomment>The languages a question&apos;s text is edited in (others are kept untouched). The user changed the question. The question&apos;s ID, text or type changed: what the list of questions shows of it.</extracomment>
        <translation>是 / 否</translation>
    </message>
    <message>
        <source>Single choice</source>
        <translation>单选</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>多选</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Free text</source>
        <translation>自由文本</translation>
    </message>
    <message>
        <source>Stored with every answer: change it only before the list is called.</source>
        <translation>每个回答都会记录此 ID：请仅在开始呼叫前修改。</translation>
    </message>
    <message>
        <source>Text (Chinese):</source>
        <translation>文字（中文）：</translation>
    </message>
    <message>
        <source>Text (English):</source>
        <translation>文字（英文）：</translation>
    </message>
    <message>
        <source>An answer is required to qualify</source>
        <translation>必须回答才能合格</translation>
    </message>
    <message>
        <source>ID:</source>
        <translation>ID：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>A free-text answer scores no points.</source>
        <translation>自由文本回答不计分。</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>Yes scores:</source>
        <translation>回答“是”得分：</translation>
    </message>
    <message>
        <source>No scores:</source>
        <translation>回答“否”得分：</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Add option</source>
        <translation>添加选项</translation>
    </message>
    <message>
        <source>Remove option</source>
        <translation>删除选项</translation>
    </message>
    <message>
        <source>Options and their points:</source>
        <translation>选项及分数：</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Leave From or To empty for no limit.</source>
        <translation>“从”或“到”留空表示不限。</translation>
    </message>
    <message>
        <source>Add band</source>
        <translation>添加区间</translation>
    </message>
    <message>
        <source>Remove band</source>
        <translation>删除区间</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>Points by number:</source>
        <translation>按数值计分：</translation>
    </message>
</context>
<context>
    <name>ScriptEditor</name>
    <message>
        <source>Screen the leads with a questionnaire</source>
        <extracomment>The user changed the script (or switched it on or off).</extracomment>
        <translation>用问卷筛选线索</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Edit as JSON</source>
        <translation>以 JSON 编辑</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>A lead qualifies with at least this score and every required answer.</source>
        <translation>线索得分达到此分数且回答了所有必答问题即为合格。</translation>
    </message>
    <message>
        <source>Qualifies at:</source>
        <translation>合格分数线：</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move the question up</source>
        <translation>上移问题</translation>
    </message>
    <message>
        <source>Move the question down</source>
        <translation>下移问题</translation>
    </message>
    <message>
        <source>Add a question to start.</source>
        <translation>请先添加一个问题。</translation>
    </message>
    <message>
        <source>Not valid JSON (line %1, column %2).</source>
        <translation>JSON 无效（第 %1 行，第 %2 列）。</translation>
    </message>
</context>
<context>
    <name>ScriptForm</name>
    <message>
        <source>Screening questions</source>
        <extracomment>Any answer or the override changed. The live verdict: a ``ScoreResult``, or ``None`` (no script, or answers not valid).</extracomment>
        <translation>筛选问题</translation>
    </message>
    <message>
        <source>&amp;Override the score&apos;s verdict</source>
        <translation>人工改判(&amp;O)</translation>
    </message>
    <message>
        <source>Qualify a lead below the threshold (or turn one down above it) with a reason</source>
        <translation>填写原因，将未达合格线的线索判为合格（或将达标的判为不合格）</translation>
    </message>
    <message>
        <source>Why? (required for an override)</source>
        <translation>原因？（改判必填）</translation>
    </message>
    <message>
        <source>This call list has no screening script: just record the outcome.</source>
        <translation>此呼叫名单没有筛选问卷：直接记录结果即可。</translation>
    </message>
    <message>
        <source>This call list&apos;s screening script cannot be read: just record the outcome and tell your team lead.</source>
        <translation>无法读取此呼叫名单的筛选问卷：请直接记录结果并告知组长。</translation>
    </message>
    <message>
        <source>Required: the lead only qualifies when it is answered</source>
        <translation>必答：回答后线索才可能合格</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>未回答</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>未回答</translation>
    </message>
    <message>
        <source>Score %1 of threshold %2</source>
        <translation>得分 %1，合格线 %2</translation>
    </message>
    <message>
        <source>qualifies</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>does not qualify (missing: %1)</source>
        <translation>不合格（缺少：%1）</translation>
    </message>
    <message>
        <source>does not qualify</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>%1: this number is outside the expected range</source>
        <translation>%1：此数值超出预期范围</translation>
    </message>
    <message>
        <source>%1: enter a number</source>
        <translation>%1：请输入数字</translation>
    </message>
    <message>
        <source>%1: the answer is too long</source>
        <translation>%1：回答太长</translation>
    </message>
    <message>
        <source>%1: the answer is not valid</source>
        <translation>%1：回答无效</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search customers, numbers, companies, cases (Ctrl+F)</source>
        <extracomment>The agent picked a customer (customer id). Results for the text shown (list of SearchHit): for tests and the status bar.</extracomment>
        <translation>搜索客户、号码、公司、工单（Ctrl+F）</translation>
    </message>
    <message>
        <source>Nothing found</source>
        <extracomment>The generation of the results on screen; behind ``_generation`` while a search runs. Enter was pressed while a search was pending: open its first hit when it comes.</extracomment>
        <translation>未找到结果</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>The settings were saved; True when a restart is needed for them to take effect.</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>e.g. agent1</source>
        <translation>例如 agent1</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Default phone &amp;region:</source>
        <translation>默认号码地区(&amp;R)：</translation>
    </message>
    <message>
        <source>Agent &amp;login:</source>
        <translation>坐席登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Wrap-up time:</source>
        <translation>话后整理时间(&amp;W)：</translation>
    </message>
    <message>
        <source>Show the next lead as soon as an outcome is saved</source>
        <translation>保存结果后立即显示下一条线索</translation>
    </message>
    <message>
        <source>Dialer:</source>
        <translation>外呼：</translation>
    </message>
    <message>
        <source>Hand-off to sales</source>
        <translation>转交销售</translation>
    </message>
    <message>
        <source>Qualified leads are sent to this address. Leave it empty to export them instead.</source>
        <translation>合格线索会发送到此地址。留空则改为导出。</translation>
    </message>
    <message>
        <source>Webhook &amp;URL:</source>
        <translation>Webhook 地址(&amp;U)：</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>访问令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>Local database on this computer</source>
        <translation>本机上的本地数据库</translation>
    </message>
    <message>
        <source>Team database (PostgreSQL)</source>
        <translation>团队数据库（PostgreSQL）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Database &amp;name:</source>
        <translation>数据库名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>SSL:</source>
        <translation>SSL：</translation>
    </message>
    <message>
        <source>The password is kept in the system keyring, never in a file.</source>
        <translation>密码保存在系统钥匙串中，绝不写入文件。</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>（未更改）</translation>
    </message>
    <message>
        <source>No system keyring is available: the password is kept only until the application closes, and you will be asked for it each session.</source>
        <translation>系统钥匙串不可用：密码仅保留到应用程序关闭，每次启动都需要重新输入。</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
    <message>
        <source>Choose a valid phone region.</source>
        <translation>请选择有效的号码地区。</translation>
    </message>
    <message>
        <source>Enter the host of the team database.</source>
        <translation>请输入团队数据库的主机。</translation>
    </message>
    <message>
        <source>The host of the team database is not valid.</source>
        <translation>团队数据库的主机无效。</translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation>端口必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>Enter the name of the team database.</source>
        <translation>请输入团队数据库的名称。</translation>
    </message>
    <message>
        <source>Enter the user name for the team database.</source>
        <translation>请输入团队数据库的用户名。</translation>
    </message>
    <message>
        <source>Choose a valid SSL mode.</source>
        <translation>请选择有效的 SSL 模式。</translation>
    </message>
    <message>
        <source>The wrap-up time cannot be negative.</source>
        <translation>话后整理时间不能为负数。</translation>
    </message>
    <message>
        <source>The list of dispositions is empty or repeats a code.</source>
        <translation>处理结果列表为空或有重复代码。</translation>
    </message>
    <message>
        <source>The webhook URL must start with http:// or https://, name a host and hold no user name or password (enter the token below instead).</source>
        <translation>Webhook 地址必须以 http:// 或 https:// 开头、包含主机名，且不能含用户名或密码（令牌请填在下方）。</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite *.db)</source>
        <translation>SQLite 数据库 (*.sqlite *.db)</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回电</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Satisfaction %1/5</source>
        <translation>满意度 %1/5</translation>
    </message>
</context>
<context>
    <name>WorkListPage</name>
    <message>
        <source>Refresh</source>
        <extracomment>The first page of rows is on screen.</extracomment>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reload this list (F5)</source>
        <translation>重新加载此列表（F5）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Could not load this list.</source>
        <translation>无法加载此列表。</translation>
    </message>
</context>
<context>
    <name>WrapUpPanel</name>
    <message>
        <source>Wrap-up</source>
        <translation>话后整理</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>What was the call about? (Ctrl+Enter saves)</source>
        <translation>这通电话关于什么？（Ctrl+Enter 保存）</translation>
    </message>
    <message>
        <source>Open a &amp;complaint</source>
        <translation>建立投诉(&amp;C)</translation>
    </message>
    <message>
        <source>Subject of the complaint</source>
        <translation>投诉主题</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>严重程度：</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Schedule a call&amp;back</source>
        <translation>预约回电(&amp;B)</translation>
    </message>
    <message>
        <source>What to call back about</source>
        <translation>回电事由</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>About:</source>
        <translation>事由：</translation>
    </message>
    <message>
        <source>Save and finish</source>
        <translation>保存并结束</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>剩余 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Over time by %n second(s)</source>
        <translation>
            <numerusform>已超时 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a disposition (Alt+1 … Alt+%1).</source>
        <translation>请选择处理结果（Alt+1 … Alt+%1）。</translation>
    </message>
    <message>
        <source>Enter the subject of the complaint.</source>
        <translation>请输入投诉主题。</translation>
    </message>
    <message>
        <source>The callback must be in the future.</source>
        <translation>回电时间必须在将来。</translation>
    </message>
</context>
</TS>
