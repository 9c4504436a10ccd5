<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>nat::ui::AboutDialog</name>
    <message>
        <source>NAT Studio %1</source>
        <translation>NAT Studio %1</translation>
    </message>
    <message>
        <source>Qt %1 (LGPL-3.0)</source>
        <translation>Qt %1 (LGPL-3.0)</translation>
    </message>
    <message>
        <source>LibTorch %1 (BSD-3-Clause)</source>
        <translation>LibTorch %1 (BSD-3-Clause)</translation>
    </message>
    <message>
        <source>OpenCV: not built in</source>
        <translation>OpenCV: nicht eingebaut</translation>
    </message>
    <message>
        <source>OpenCV %1 (Apache-2.0)</source>
        <translation>OpenCV %1 (Apache-2.0)</translation>
    </message>
    <message>
        <source>About NAT Studio</source>
        <translation>Über NAT Studio</translation>
    </message>
    <message>
        <source>Find small, accurate image classifiers for your own data with Neural Architecture Transfer: a weight-sharing supernet adapted to your task while a many-objective evolutionary search trades accuracy against cost.</source>
        <translation>Finden Sie kleine, genaue Bildklassifikatoren für Ihre eigenen Daten mit Neural Architecture Transfer: Ein Supernetz mit geteilten Gewichten wird an Ihre Aufgabe angepasst, während eine evolutionäre Suche mit mehreren Zielen Genauigkeit gegen Kosten abwägt.</translation>
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
</context>
</TS>