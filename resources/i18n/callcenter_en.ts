<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CallPanel</name>
    <message numerus="yes">
        <source>This number belongs to %n customers. Who is calling?</source>
        <translation>
            <numerusform>This number belongs to %n customer. Who is calling?</numerusform>
            <numerusform>This number belongs to %n customers. Who is calling?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message numerus="yes">
        <source>%n open item(s)</source>
        <translation>
            <numerusform>%n open item</numerusform>
            <numerusform>%n open items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DialerPage</name>
    <message numerus="yes">
        <source>No other lead can be called now. The %n lead(s) you skipped can be taken again: press “Next lead”.</source>
        <translation>
            <numerusform>No other lead can be called now. The %n lead you skipped can be taken again: press “Next lead”.</numerusform>
            <numerusform>No other lead can be called now. The %n leads you skipped can be taken again: press “Next lead”.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportProgress</name>
    <message numerus="yes">
        <source>%n row(s) read</source>
        <translation>
            <numerusform>%n row read</numerusform>
            <numerusform>%n rows read</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListsPage</name>
    <message numerus="yes">
        <source>%n list(s)</source>
        <translation>
            <numerusform>%n list</numerusform>
            <numerusform>%n lists</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Progress of %n list(s) written to %1.</source>
        <translation>
            <numerusform>Progress of %n list written to %1.</numerusform>
            <numerusform>Progress of %n lists written to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n qualified lead(s) written to %1.</source>
        <translation>
            <numerusform>%n qualified lead written to %1.</numerusform>
            <numerusform>%n qualified leads written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n call</numerusform>
            <numerusform>%n calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s)</source>
        <translation>
            <numerusform>%n lead</numerusform>
            <numerusform>%n leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n complaint(s)</source>
        <translation>
            <numerusform>%n complaint</numerusform>
            <numerusform>%n complaints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n callback(s)</source>
        <translation>
            <numerusform>%n callback</numerusform>
            <numerusform>%n callbacks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s)</source>
        <translation>
            <numerusform>%n agent</numerusform>
            <numerusform>%n agents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboundDesk</name>
    <message numerus="yes">
        <source>%n qualified lead(s) handed off to sales.</source>
        <translation>
            <numerusform>%n qualified lead handed off to sales.</numerusform>
            <numerusform>%n qualified leads handed off to sales.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hand-off(s) could not be delivered and were given up: export them from Call lists.</source>
        <translation>
            <numerusform>%n hand-off could not be delivered and was given up: export it from Call lists.</numerusform>
            <numerusform>%n hand-offs could not be delivered and were given up: export them from Call lists.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PopCard</name>
    <message numerus="yes">
        <source>%n open complaint(s)</source>
        <translation>
            <numerusform>%n open complaint</numerusform>
            <numerusform>%n open complaints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n callback(s) due</source>
        <translation>
            <numerusform>%n callback due</numerusform>
            <numerusform>%n callbacks due</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WrapUpPanel</name>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>%n second left</numerusform>
            <numerusform>%n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Over time by %n second(s)</source>
        <translation>
            <numerusform>Over time by %n second</numerusform>
            <numerusform>Over time by %n seconds</numerusform>
        </translation>
    </message>
</context>
</TS>
