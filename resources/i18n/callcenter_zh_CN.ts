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
        <extracomment>The ringing event, until the call&apos;s row has been asked for (see ``_log_ringing``). A screen pop is on screen (ScreenPop). The agent state changed: (AgentState, reason or None, since). A call was written to the log (wrap-up saved): pages showing calls may refresh. The agent asked to see a customer. The agent asked to create a customer for the caller: (raw number, place, carrier).</extracomment>
        <translation>请先结束当前通话。</translation>
    </message>
    <message>
        <source>The call is still being saved. Try again.</source>
        <translation>通话仍在保存中，请稍后再试。</translation>
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
        <extracomment>The agent wants to call this number (E.164).</extracomment>
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
    <message numerus="yes">
        <source>%n row(s) read</source>
        <translation>
            <numerusform>已读取 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：没有导入任何数据。</translation>
    </message>
    <message>
        <source>%1 rows: %2 imported, %3 duplicates, %4 rejected.</source>
        <translation>共 %1 行：导入 %2 行，重复 %3 行，拒绝 %4 行。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
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
    <name>SearchBox</name>
    <message>
        <source>Search customers, numbers, companies, cases (Ctrl+F)</source>
        <extracomment>The agent picked a customer (customer id). Results for the text shown (list of SearchHit): for tests and the status bar.</extracomment>
        <translation>搜索客户、号码、公司、工单（Ctrl+F）</translation>
    </message>
    <message>
        <source>Nothing found</source>
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
