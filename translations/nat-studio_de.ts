<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>nat::ui::AboutDialog</name>
    <message>
        <source>About NAT Studio</source>
        <translation>Über NAT Studio</translation>
    </message>
    <message>
        <source>Find small, accurate image classifiers for your own data with Neural Architecture Transfer: a weight-sharing supernet adapted to your task while a many-objective evolutionary search trades accuracy against cost.</source>
        <translation>Finden Sie kleine, genaue Bildklassifikatoren für Ihre eigenen Daten mit Neural Architecture Transfer: Ein Supernetz mit geteilten Gewichten wird an Ihre Aufgabe angepasst, während eine evolutionäre Suche mit mehreren Zielen Genauigkeit gegen Kosten abwägt.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1: not built in</source>
        <translation>%1: nicht eingebaut</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>not built in</source>
        <translation>nicht eingebaut</translation>
    </message>
    <message>
        <source>NAT Studio&apos;s own source code is released under the MIT licence. This build links Qt Charts, which is licensed under the GPL-3.0, so the program as distributed is covered by the GPL-3.0 as a whole. The built-in Fashion-MNIST dataset (Zalando Research) is MIT-licensed. The licence terms are collected in /usr/share/doc/nat-studio/copyright.</source>
        <translation>Der Quellcode von NAT Studio selbst steht unter der MIT-Lizenz. Diese Ausgabe ist gegen Qt Charts gelinkt, das unter der GPL-3.0 steht; das verteilte Programm unterliegt daher als Ganzes der GPL-3.0. Der eingebaute Datensatz Fashion-MNIST (Zalando Research) steht unter der MIT-Lizenz. Die Lizenzbedingungen sind in /usr/share/doc/nat-studio/copyright zusammengefasst.</translation>
    </message>
</context>
<context>
    <name>nat::ui::MainWindow</name>
    <message>
        <source>NAT Studio</source>
        <translation>NAT Studio</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Fashion-MNIST (built in)</source>
        <translation>Fashion-MNIST (eingebaut)</translation>
    </message>
    <message>
        <source>&lt;h1&gt;NAT Studio&lt;/h1&gt;&lt;p&gt;Neural Architecture Transfer for your own images.&lt;/p&gt;&lt;p&gt;Dataset: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;h1&gt;NAT Studio&lt;/h1&gt;&lt;p&gt;Neural Architecture Transfer für Ihre eigenen Bilder.&lt;/p&gt;&lt;p&gt;Datensatz: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About NAT Studio</source>
        <translation>Ü&amp;ber NAT Studio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
</context>
<context>
    <name>nat::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A change of language takes effect when NAT Studio is restarted.</source>
        <translation>Eine neue Sprache wird beim nächsten Start von NAT Studio wirksam.</translation>
    </message>
</context>
</TS>
