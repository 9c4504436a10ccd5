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
    <name>nat::ui::ArchDiagram</name>
    <message>
        <source>Architecture diagram</source>
        <translation>Architekturdiagramm</translation>
    </message>
    <message>
        <source>Click a point of the front to inspect its architecture.</source>
        <translation>Klicken Sie auf einen Punkt der Front, um seine Architektur zu untersuchen.</translation>
    </message>
    <message>
        <source>input %1×%1</source>
        <translation>Eingabe %1×%1</translation>
    </message>
    <message>
        <source>stem + block 0</source>
        <translation>Stamm + Block 0</translation>
    </message>
    <message>
        <source>conv 3×3, %1</source>
        <translation>Conv 3×3, %1</translation>
    </message>
    <message>
        <source>dw 3×3, %1</source>
        <translation>DW 3×3, %1</translation>
    </message>
    <message>
        <source>stage %1 · %2 ch</source>
        <translation>Stufe %1 · %2 Kanäle</translation>
    </message>
    <message>
        <source>stride %1 → %2×%2</source>
        <translation>Schrittweite %1 → %2×%2</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source> +SE</source>
        <translation> +SE</translation>
    </message>
    <message>
        <source>head</source>
        <translation>Kopf</translation>
    </message>
    <message>
        <source>pool → classifier</source>
        <translation>Pooling → Klassifikator</translation>
    </message>
    <message>
        <source>1×1, %1</source>
        <translation>1×1, %1</translation>
    </message>
    <message>
        <source>pool + 1×1, %1</source>
        <translation>Pooling + 1×1, %1</translation>
    </message>
    <message>
        <source>classifier</source>
        <translation>Klassifikator</translation>
    </message>
    <message>
        <source>Colour: expand ratio (light = small); dashed: layers of the supernet this subnet skips.</source>
        <translation>Farbe: Expansionsfaktor (hell = klein); gestrichelt: Schichten des Supernetzes, die dieses Subnetz auslässt.</translation>
    </message>
</context>
<context>
    <name>nat::ui::CompareView</name>
    <message>
        <source>&lt;h2&gt;Comparison&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Vergleich&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Back to the inspector</source>
        <translation>Zurück zum Inspektor</translation>
    </message>
    <message>
        <source>Objectives of the compared architectures</source>
        <translation>Ziele der verglichenen Architekturen</translation>
    </message>
    <message>
        <source>Differences only</source>
        <translation>Nur Unterschiede</translation>
    </message>
    <message>
        <source>Per-layer comparison</source>
        <translation>Vergleich pro Schicht</translation>
    </message>
    <message>
        <source>&lt;b&gt;Architecture #%1&lt;/b&gt; — %2, %3 MAdds</source>
        <translation>&lt;b&gt;Architektur #%1&lt;/b&gt; — %2, %3 MAdds</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>Untersuchen</translation>
    </message>
    <message>
        <source>Inspect architecture #%1</source>
        <translation>Architektur #%1 untersuchen</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>Vergleich nicht möglich: %1</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>not evaluated</source>
        <translation>nicht ausgewertet</translation>
    </message>
    <message>
        <source>MAdds</source>
        <translation>MAdds</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>CPU latency</source>
        <translation>CPU-Latenz</translation>
    </message>
    <message>
        <source>GPU latency</source>
        <translation>GPU-Latenz</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Found in iteration</source>
        <translation>Gefunden in Iteration</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
</context>
<context>
    <name>nat::ui::ConfusionHeatMap</name>
    <message>
        <source>Confusion matrix</source>
        <translation>Konfusionsmatrix</translation>
    </message>
    <message>
        <source>predicted →</source>
        <translation>vorhergesagt →</translation>
    </message>
    <message>
        <source>true ↓</source>
        <translation>wahr ↓</translation>
    </message>
</context>
<context>
    <name>nat::ui::CurvesChart</name>
    <message>
        <source>Curve</source>
        <translation>Kurve</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Subnet accuracy</source>
        <translation>Subnetz-Genauigkeit</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>X-Achse</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>Laufzeit (s)</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <source>Exponential moving average; the raw curve stays visible</source>
        <translation>Exponentieller gleitender Mittelwert; die Rohkurve bleibt sichtbar</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Logarithmische Skala</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Export the curve</source>
        <translation>Kurve exportieren</translation>
    </message>
    <message>
        <source>vs</source>
        <translation>gegen</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>Glättung:</translation>
    </message>
    <message>
        <source>Supernet training curves</source>
        <translation>Trainingskurven des Supernetzes</translation>
    </message>
    <message>
        <source>Drag to zoom, right click to reset</source>
        <translation>Ziehen zum Zoomen, Rechtsklick zum Zurücksetzen</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>roh</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>geglättet</translation>
    </message>
    <message>
        <source>Export curve</source>
        <translation>Kurve exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;CSV table (*.csv)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;CSV-Tabelle (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>NAT Studio training curve</source>
        <translation>NAT Studio Trainingskurve</translation>
    </message>
</context>
<context>
    <name>nat::ui::DashboardPage</name>
    <message>
        <source>Hypervolume per iteration</source>
        <translation>Hypervolumen pro Iteration</translation>
    </message>
    <message>
        <source>No iterations yet</source>
        <translation>Noch keine Iterationen</translation>
    </message>
    <message>
        <source>Iteration shown</source>
        <translation>Angezeigte Iteration</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ Abspielen</translation>
    </message>
    <message>
        <source>Replay the front evolution</source>
        <translation>Entwicklung der Front abspielen</translation>
    </message>
    <message>
        <source>Iteration %1 of %2 — %3 architectures, hypervolume %4</source>
        <translation>Iteration %1 von %2 — %3 Architekturen, Hypervolumen %4</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>Iteration</translation>
    </message>
    <message>
        <source>⏸ Pause</source>
        <translation>⏸ Pause</translation>
    </message>
    <message>
        <source>Compare selected</source>
        <translation>Auswahl vergleichen</translation>
    </message>
    <message>
        <source>Compare the selected architectures side by side</source>
        <translation>Die ausgewählten Architekturen nebeneinander vergleichen</translation>
    </message>
    <message>
        <source>Drag a box or lasso on the front, or along an axis below, to select several</source>
        <translation>Ziehen Sie ein Rechteck oder Lasso auf der Front oder entlang einer Achse unten, um mehrere auszuwählen</translation>
    </message>
    <message numerus="yes">
        <source>%n architecture(s) selected</source>
        <translation>
            <numerusform>%n Architektur ausgewählt</numerusform>
            <numerusform>%n Architekturen ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Select 2 to 4 architectures to compare them</source>
        <translation>Wählen Sie 2 bis 4 Architekturen zum Vergleichen</translation>
    </message>
</context>
<context>
    <name>nat::ui::DatasetPage</name>
    <message>
        <source>Fashion-MNIST (built in)
70,000 greyscale images, 28×28, 10 classes</source>
        <translation>Fashion-MNIST (eingebaut)
70.000 Graustufenbilder, 28×28, 10 Klassen</translation>
    </message>
    <message>
        <source>Use the built-in Fashion-MNIST dataset</source>
        <translation>Den eingebauten Fashion-MNIST-Datensatz verwenden</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>Ordner öffnen…</translation>
    </message>
    <message>
        <source>Open a dataset folder</source>
        <translation>Einen Datensatz-Ordner öffnen</translation>
    </message>
    <message>
        <source>IDX files, CIFAR-10/100 binary batches, or one sub-folder of images per class</source>
        <translation>IDX-Dateien, CIFAR-10/100-Binärdateien oder ein Unterordner mit Bildern pro Klasse</translation>
    </message>
    <message>
        <source>No dataset opened yet.</source>
        <translation>Noch kein Datensatz geöffnet.</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Erkannt</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>preset default</source>
        <translation>Vorgabe des Presets</translation>
    </message>
    <message>
        <source>Validation images</source>
        <translation>Validierungsbilder</translation>
    </message>
    <message>
        <source>Held out from the training split; the search measures accuracy on them.</source>
        <translation>Aus dem Trainingssplit zurückgehalten; die Suche misst die Genauigkeit darauf.</translation>
    </message>
    <message>
        <source>0 uses every training image.</source>
        <translation>0 verwendet alle Trainingsbilder.</translation>
    </message>
    <message>
        <source>Training images to use</source>
        <translation>Zu verwendende Trainingsbilder</translation>
    </message>
    <message>
        <source>Validation images:</source>
        <translation>Validierungsbilder:</translation>
    </message>
    <message>
        <source>Training subset:</source>
        <translation>Trainingsteilmenge:</translation>
    </message>
    <message>
        <source>Images per class</source>
        <translation>Bilder pro Klasse</translation>
    </message>
    <message>
        <source>Open dataset folder</source>
        <translation>Datensatz-Ordner öffnen</translation>
    </message>
    <message>
        <source>Opening %1 …</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <source>This folder cannot be used as a dataset.</source>
        <translation>Dieser Ordner kann nicht als Datensatz verwendet werden.</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>%1 geöffnet.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Format: %2&lt;br&gt;Folder: %3&lt;br&gt;Classes: %4&lt;br&gt;Images: %5 training, %6 test&lt;br&gt;Image size: %7×%8, %9 channel(s)&lt;br&gt;Mean: %10&lt;br&gt;Std: %11</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Format: %2&lt;br&gt;Ordner: %3&lt;br&gt;Klassen: %4&lt;br&gt;Bilder: %5 Training, %6 Test&lt;br&gt;Bildgröße: %7×%8, %9 Kanal/Kanäle&lt;br&gt;Mittelwert: %10&lt;br&gt;Standardabweichung: %11</translation>
    </message>
    <message>
        <source>&lt;br&gt;Skipped unreadable files: %1</source>
        <translation>&lt;br&gt;Übersprungene unlesbare Dateien: %1</translation>
    </message>
    <message>
        <source>%1 (%2 classes, %3 images)</source>
        <translation>%1 (%2 Klassen, %3 Bilder)</translation>
    </message>
    <message>
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
</context>
<context>
    <name>nat::ui::EvaluationView</name>
    <message>
        <source>Not evaluated yet. Use “Evaluate on test set”.</source>
        <translation>Noch nicht ausgewertet. Verwenden Sie „Auf Testdaten auswerten“.</translation>
    </message>
    <message>
        <source>Per-class accuracy</source>
        <translation>Genauigkeit pro Klasse</translation>
    </message>
    <message>
        <source>Misclassified examples (true → predicted):</source>
        <translation>Falsch klassifizierte Beispiele (wahr → vorhergesagt):</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top-1 on the %1 split: %2&lt;/b&gt; (architecture #%3)</source>
        <translation>&lt;b&gt;Top-1 auf dem Split %1: %2&lt;/b&gt; (Architektur #%3)</translation>
    </message>
    <message>
        <source>Per-class accuracy (%)</source>
        <translation>Genauigkeit pro Klasse (%)</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>#%1: %2 → %3</source>
        <translation>#%1: %2 → %3</translation>
    </message>
    <message>
        <source>Fine-tune first</source>
        <translation>Zuerst feinabstimmen</translation>
    </message>
    <message>
        <source>Fine-tune before evaluating</source>
        <translation>Vor dem Auswerten feinabstimmen</translation>
    </message>
    <message>
        <source>Train the extracted subnet for a few epochs on the run&apos;s training split before evaluating it; the result shows the accuracy before and after.</source>
        <translation>Das extrahierte Subnetz vor der Auswertung einige Epochen lang auf dem Trainingsteil des Laufs trainieren; das Ergebnis zeigt die Genauigkeit vorher und nachher.</translation>
    </message>
    <message>
        <source>Fine-tuning epochs</source>
        <translation>Epochen der Feinabstimmung</translation>
    </message>
    <message>
        <source> epoch(s)</source>
        <translation> Epoche(n)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top-1 on the %1 split after fine-tuning: %2&lt;/b&gt; (architecture #%3)</source>
        <translation>&lt;b&gt;Top-1 auf dem Teil %1 nach der Feinabstimmung: %2&lt;/b&gt; (Architektur #%3)</translation>
    </message>
    <message>
        <source>%1 → %2 (%3%4 points)</source>
        <translation>%1 → %2 (%3%4 Prozentpunkte)</translation>
    </message>
    <message numerus="yes">
        <source>Fine-tuned for %n epoch(s) (%1 steps, %2, seed %3) before evaluating.</source>
        <translation>
            <numerusform>Vor der Auswertung %n Epoche feinabgestimmt (%1 Schritte, %2, Seed %3).</numerusform>
            <numerusform>Vor der Auswertung %n Epochen feinabgestimmt (%1 Schritte, %2, Seed %3).</numerusform>
        </translation>
    </message>
    <message>
        <source>Test top-1: %1</source>
        <translation>Test-Top-1: %1</translation>
    </message>
    <message>
        <source>Validation top-1: %1</source>
        <translation>Validierungs-Top-1: %1</translation>
    </message>
    <message>
        <source>Training images top-1: %1</source>
        <translation>Top-1 auf Trainingsbildern: %1</translation>
    </message>
</context>
<context>
    <name>nat::ui::ExportDialog</name>
    <message>
        <source>Export architecture #%1</source>
        <translation>Architektur #%1 exportieren</translation>
    </message>
    <message>
        <source>ONNX model (verified by re-running it)</source>
        <translation>ONNX-Modell (durch erneutes Ausführen geprüft)</translation>
    </message>
    <message>
        <source>TorchScript module</source>
        <translation>TorchScript-Modul</translation>
    </message>
    <message>
        <source>net.subnet JSON (NAT / OFA)</source>
        <translation>net.subnet-JSON (NAT / OFA)</translation>
    </message>
    <message>
        <source>net.config JSON</source>
        <translation>net.config-JSON</translation>
    </message>
    <message>
        <source>architecture.json (objectives, provenance)</source>
        <translation>architecture.json (Ziele, Herkunft)</translation>
    </message>
    <message>
        <source>Weights (state dict)</source>
        <translation>Gewichte (State Dict)</translation>
    </message>
    <message>
        <source>Formats:</source>
        <translation>Formate:</translation>
    </message>
    <message>
        <source>ONNX opset</source>
        <translation>ONNX-Opset</translation>
    </message>
    <message>
        <source>ONNX &amp;opset:</source>
        <translation>ONNX-&amp;Opset:</translation>
    </message>
    <message>
        <source>Fold batch norm into convolutions</source>
        <translation>Batch-Normalisierung in die Faltungen einrechnen</translation>
    </message>
    <message>
        <source>Dynamic batch axis (OpenCV DNN needs a static one)</source>
        <translation>Dynamische Batch-Achse (OpenCV DNN braucht eine statische)</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>Ausgabe&amp;ordner:</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Fine-tune first</source>
        <translation>Zuerst feinabstimmen</translation>
    </message>
    <message>
        <source>Fine-tune before exporting</source>
        <translation>Vor dem Export feinabstimmen</translation>
    </message>
    <message>
        <source>Train the subnet for a few epochs on the run&apos;s training split and export the fine-tuned weights; the accuracy before and after is recorded with the files.</source>
        <translation>Das Subnetz einige Epochen lang auf dem Trainingsteil des Laufs trainieren und die feinabgestimmten Gewichte exportieren; die Genauigkeit vorher und nachher wird mit den Dateien gespeichert.</translation>
    </message>
    <message>
        <source>Fine-tuning epochs</source>
        <translation>Epochen der Feinabstimmung</translation>
    </message>
    <message>
        <source> epoch(s)</source>
        <translation> Epoche(n)</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>Gewichte:</translation>
    </message>
</context>
<context>
    <name>nat::ui::Fmt</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Top-1 accuracy (%)</source>
        <translation>Top-1-Genauigkeit (%)</translation>
    </message>
    <message>
        <source>MAdds</source>
        <translation>MAdds</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>CPU latency (ms)</source>
        <translation>CPU-Latenz (ms)</translation>
    </message>
    <message>
        <source>GPU latency (ms)</source>
        <translation>GPU-Latenz (ms)</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Architecture #%1 (iteration %2)
Accuracy: %3
MAdds: %4
Params: %5
CPU latency: %6</source>
        <translation>Architektur #%1 (Iteration %2)
Genauigkeit: %3
MAdds: %4
Parameter: %5
CPU-Latenz: %6</translation>
    </message>
    <message>
        <source>
Predicted accuracy: %1</source>
        <translation>
Vorhergesagte Genauigkeit: %1</translation>
    </message>
    <message>
        <source>
Encoding: %1</source>
        <translation>
Kodierung: %1</translation>
    </message>
</context>
<context>
    <name>nat::ui::FrontChart</name>
    <message>
        <source>X-axis objective</source>
        <translation>Ziel der X-Achse</translation>
    </message>
    <message>
        <source>Y-axis objective</source>
        <translation>Ziel der Y-Achse</translation>
    </message>
    <message>
        <source>Log x</source>
        <translation>Log. x</translation>
    </message>
    <message>
        <source>Front only</source>
        <translation>Nur Front</translation>
    </message>
    <message>
        <source>Feasible only</source>
        <translation>Nur zulässige</translation>
    </message>
    <message>
        <source> M</source>
        <translation> M</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Maximum MAdds in millions</source>
        <translation>Maximale MAdds in Millionen</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Minimum accuracy in percent</source>
        <translation>Minimale Genauigkeit in Prozent</translation>
    </message>
    <message>
        <source>x:</source>
        <translation>x:</translation>
    </message>
    <message>
        <source>y:</source>
        <translation>y:</translation>
    </message>
    <message>
        <source>max MAdds:</source>
        <translation>max. MAdds:</translation>
    </message>
    <message>
        <source>min acc.:</source>
        <translation>min. Gen.:</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <source>dominated</source>
        <translation>dominiert</translation>
    </message>
    <message>
        <source>front</source>
        <translation>Front</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>vorhergesagt</translation>
    </message>
    <message>
        <source>knee/pick</source>
        <translation>Knie/Wahl</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>ausgewählt</translation>
    </message>
    <message>
        <source>front (step)</source>
        <translation>Front (Stufen)</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>Lasso</translation>
    </message>
    <message>
        <source>Drag a free shape to select several architectures (or hold Ctrl while dragging)</source>
        <translation>Eine freie Form ziehen, um mehrere Architekturen auszuwählen (oder beim Ziehen Strg halten)</translation>
    </message>
</context>
<context>
    <name>nat::ui::InspectorPage</name>
    <message>
        <source>&lt;h2&gt;No architecture selected&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Keine Architektur ausgewählt&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Evaluate on test set</source>
        <translation>Auf Testdaten auswerten</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Export this architecture</source>
        <translation>Diese Architektur exportieren</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Kodierung</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the encoding</source>
        <translation>Kodierung kopieren</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Kodierung:</translation>
    </message>
    <message>
        <source>Per-layer costs</source>
        <translation>Kosten pro Schicht</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>MAdds</source>
        <translation>MAdds</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Click a point of the Pareto front on the dashboard.</source>
        <translation>Klicken Sie im Dashboard auf einen Punkt der Pareto-Front.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Architecture #%1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Architektur #%1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Accuracy: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp; MAdds: &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; Params: &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; CPU latency: &lt;b&gt;%4&lt;/b&gt; &amp;nbsp; found in iteration %5</source>
        <translation>Genauigkeit: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp; MAdds: &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; Parameter: &lt;b&gt;%3&lt;/b&gt; &amp;nbsp; CPU-Latenz: &lt;b&gt;%4&lt;/b&gt; &amp;nbsp; gefunden in Iteration %5</translation>
    </message>
    <message>
        <source> &amp;nbsp; predicted accuracy: %1</source>
        <translation> &amp;nbsp; vorhergesagte Genauigkeit: %1</translation>
    </message>
    <message>
        <source> &amp;nbsp; test accuracy: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation> &amp;nbsp; Testgenauigkeit: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>total</source>
        <translation>gesamt</translation>
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
        <source>Job running</source>
        <translation>Auftrag läuft</translation>
    </message>
    <message>
        <source>A job is still running. Stop it and quit?

A search is saved and can be resumed later from its run folder.</source>
        <translation>Ein Auftrag läuft noch. Anhalten und beenden?

Eine Suche wird gespeichert und kann später aus ihrem Lauf-Ordner fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;New Search…</source>
        <translation>&amp;Neue Suche…</translation>
    </message>
    <message>
        <source>&amp;Open Run Folder…</source>
        <translation>Lauf-Ordner ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <source>&amp;Start Search</source>
        <translation>Suche &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Stop the search after saving it; Resume continues it</source>
        <translation>Die Suche nach dem Speichern anhalten; Fortsetzen setzt sie fort</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>Auftrag &amp;abbrechen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Dataset</source>
        <translation>&amp;Datensatz</translation>
    </message>
    <message>
        <source>S&amp;earch</source>
        <translation>Su&amp;che</translation>
    </message>
    <message>
        <source>Dash&amp;board</source>
        <translation>Dash&amp;board</translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation>&amp;Inspektor</translation>
    </message>
    <message>
        <source>Job progress</source>
        <translation>Auftragsfortschritt</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Start nicht möglich</translation>
    </message>
    <message>
        <source>Choose an output folder for the run first.</source>
        <translation>Wählen Sie zuerst einen Ausgabeordner für den Lauf.</translation>
    </message>
    <message>
        <source>Search started in %1</source>
        <translation>Suche gestartet in %1</translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation>Lauf-Ordner öffnen</translation>
    </message>
    <message>
        <source>Wait for the running job to finish (or cancel it) before opening another run.</source>
        <translation>Warten Sie, bis der laufende Auftrag beendet ist (oder brechen Sie ihn ab), bevor Sie einen anderen Lauf öffnen.</translation>
    </message>
    <message>
        <source>Cannot open run</source>
        <translation>Lauf kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 (read-only): %2, %3 architectures, iteration %4</source>
        <translation>%1 (schreibgeschützt): %2, %3 Architekturen, Iteration %4</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Opened run %1</source>
        <translation>Lauf %1 geöffnet</translation>
    </message>
    <message>
        <source>The last journal line was cut off (a crash?) and was skipped.</source>
        <translation>Die letzte Journalzeile war abgeschnitten (ein Absturz?) und wurde übersprungen.</translation>
    </message>
    <message>
        <source>Selected architecture #%1</source>
        <translation>Architektur #%1 ausgewählt</translation>
    </message>
    <message>
        <source>Evaluating architecture #%1 on the test split</source>
        <translation>Architektur #%1 wird auf dem Testsplit ausgewertet</translation>
    </message>
    <message>
        <source>Exporting architecture #%1</source>
        <translation>Architektur #%1 wird exportiert</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>Restzeit %1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>Fertig: %1</translation>
    </message>
    <message>
        <source>Job finished: %1</source>
        <translation>Auftrag beendet: %1</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>Export abgeschlossen</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <source>Job stopped: %1</source>
        <translation>Auftrag angehalten: %1</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Job failed: %1</source>
        <translation>Auftrag fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The job failed</source>
        <translation>Der Auftrag ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message numerus="yes">
        <source>Fine-tuning architecture #%1 for %n epoch(s), then evaluating it on the test split</source>
        <translation>
            <numerusform>Architektur #%1 wird %n Epoche feinabgestimmt und dann auf dem Testteil ausgewertet</numerusform>
            <numerusform>Architektur #%1 wird %n Epochen feinabgestimmt und dann auf dem Testteil ausgewertet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nat::ui::ParallelCoordsView</name>
    <message>
        <source>Parallel coordinates of the objectives</source>
        <translation>Parallele Koordinaten der Ziele</translation>
    </message>
    <message>
        <source>Click a line to select its architecture; drag along an axis to select a range; double click clears</source>
        <translation>Linie anklicken, um ihre Architektur auszuwählen; entlang einer Achse ziehen, um einen Bereich auszuwählen; Doppelklick hebt auf</translation>
    </message>
    <message>
        <source>No architectures yet</source>
        <translation>Noch keine Architekturen</translation>
    </message>
</context>
<context>
    <name>nat::ui::RunController</name>
    <message>
        <source>No search engine is available in this build.</source>
        <translation>In diesem Build ist keine Such-Engine verfügbar.</translation>
    </message>
    <message>
        <source>Another job is still running. Wait for it to finish or cancel it first.</source>
        <translation>Ein anderer Auftrag läuft noch. Warten Sie, bis er beendet ist, oder brechen Sie ihn zuerst ab.</translation>
    </message>
</context>
<context>
    <name>nat::ui::SearchPage</name>
    <message>
        <source>Preset</source>
        <translation>Preset</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Preset:</translation>
    </message>
    <message>
        <source>Objectives:</source>
        <translation>Ziele:</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>Iterationen</translation>
    </message>
    <message>
        <source>&amp;Iterations:</source>
        <translation>&amp;Iterationen:</translation>
    </message>
    <message>
        <source>Warm-up epochs on sampled subnets</source>
        <translation>Aufwärm-Epochen auf gesampelten Subnetzen</translation>
    </message>
    <message>
        <source>&amp;Warm-up epochs:</source>
        <translation>&amp;Aufwärm-Epochen:</translation>
    </message>
    <message>
        <source>Adaptation epochs per iteration</source>
        <translation>Anpassungsepochen pro Iteration</translation>
    </message>
    <message>
        <source>&amp;Adaptation epochs per iteration:</source>
        <translation>A&amp;npassungsepochen pro Iteration:</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>alle Kerne (%1)</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>&amp;Threads:</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>Zufalls-Seed</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>&amp;Seed:</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose output folder</source>
        <translation>Ausgabeordner wählen</translation>
    </message>
    <message>
        <source>&amp;Output folder:</source>
        <translation>&amp;Ausgabeordner:</translation>
    </message>
    <message>
        <source>Training steps timed from the largest subnet&apos;s MACs as measured on a 2-core CPU (a sampled step counts the largest as teacher plus 0.6 per sampled subnet; CUDA 20× faster), plus each evaluated architecture&apos;s validation and BN-calibration images. More or faster cores make it shorter.</source>
        <translation>Trainingsschritte, bemessen nach den MACs des größten Subnetzes, wie auf einer 2-Kern-CPU gemessen (ein Schritt mit Stichproben zählt das größte Subnetz als Lehrer plus 0,6 je gezogenem Subnetz; CUDA 20× schneller), plus die Validierungs- und BN-Kalibrierungsbilder jeder ausgewerteten Architektur. Mehr oder schnellere Kerne verkürzen die Dauer.</translation>
    </message>
    <message>
        <source>Estimated duration:</source>
        <translation>Geschätzte Dauer:</translation>
    </message>
    <message>
        <source>Start search</source>
        <translation>Suche starten</translation>
    </message>
    <message>
        <source>Fashion-MNIST (built in)</source>
        <translation>Fashion-MNIST (eingebaut)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dataset:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Datensatz:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>etwa %1</translation>
    </message>
    <message>
        <source>Output folder for the run</source>
        <translation>Ausgabeordner für den Lauf</translation>
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
<context>
    <name>nat::ui::StartPage</name>
    <message>
        <source>New search…</source>
        <translation>Neue Suche…</translation>
    </message>
    <message>
        <source>Open run folder…</source>
        <translation>Lauf-Ordner öffnen…</translation>
    </message>
    <message>
        <source>Open dataset…</source>
        <translation>Datensatz öffnen…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent runs&lt;/b&gt; (double-click to open)</source>
        <translation>&lt;b&gt;Letzte Läufe&lt;/b&gt; (Doppelklick zum Öffnen)</translation>
    </message>
    <message>
        <source>Recent runs</source>
        <translation>Letzte Läufe</translation>
    </message>
    <message>
        <source>Tip: drop a run folder or a dataset folder anywhere on this window.</source>
        <translation>Tipp: Ziehen Sie einen Lauf- oder Datensatz-Ordner an eine beliebige Stelle dieses Fensters.</translation>
    </message>
    <message>
        <source>&lt;h1&gt;NAT Studio&lt;/h1&gt;&lt;p&gt;Neural Architecture Transfer for your own images: search accuracy–cost trade-offs, inspect and export the networks you like.&lt;/p&gt;&lt;p&gt;Dataset: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;h1&gt;NAT Studio&lt;/h1&gt;&lt;p&gt;Neural Architecture Transfer für Ihre eigenen Bilder: Kompromisse zwischen Genauigkeit und Kosten suchen, die gewünschten Netze untersuchen und exportieren.&lt;/p&gt;&lt;p&gt;Datensatz: &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No runs yet. Start a new search or open a run folder.</source>
        <translation>Noch keine Läufe. Starten Sie eine neue Suche oder öffnen Sie einen Lauf-Ordner.</translation>
    </message>
</context>
</TS>
