<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>The settings file could not be read; defaults are used.</source>
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
        <source>demo database</source>
        <translation>演示数据库</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
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
        <source>Go to a work area</source>
        <translation>切换工作区</translation>
    </message>
    <message>
        <source>Reload the list</source>
        <translation>重新加载列表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
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
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite *.db)</source>
        <translation>SQLite 数据库 (*.sqlite *.db)</translation>
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
</TS>
