package org.ward.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Draws throughput and p99 ACK latency against offered load, Ward and the bare baseline, from the
 * {@code ward bench --json --baseline} reports {@code run-targets.sh} writes: {@code sweep-RATE.json}
 * (open loop) and {@code sustained.json} (closed loop, drawn as hollow markers at the throughput it
 * reached). java.awt only, headless.
 *
 * <pre>java -Djava.awt.headless=true ... ThroughputLatencyPlot RESULTS-DIR OUT.png</pre>
 */
public final class ThroughputLatencyPlot {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 600;
    private static final Color WARD = new Color(0xC0392B);
    private static final Color BASELINE = new Color(0x2471A3);

    /** One measured point: offered rate (0 for closed loop), achieved msg/s, p99 in ms. */
    record Point(double offered, double achieved, double p99) {
    }

    private ThroughputLatencyPlot() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ThroughputLatencyPlot RESULTS-DIR OUT.png");
            System.exit(2);
        }
        List<Point> ward = new ArrayList<>();
        List<Point> baseline = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(args[0]))) {
            files = list.filter(p -> p.getFileName().toString().matches("sweep-\\d+\\.json|sustained\\.json"))
                    .sorted().toList();
        }
        for (Path file : files) {
            Map<String, Object> report = read(file);
            if (report.isEmpty()) {
                continue;
            }
            ward.add(point(report.get("result")));
            if (report.get("baseline") != null) {
                baseline.add(point(report.get("baseline")));
            }
        }
        if (ward.isEmpty()) {
            throw new IllegalStateException("no sweep-*.json or sustained.json in " + args[0]);
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double maxX = Stream.concat(ward.stream(), baseline.stream())
                .mapToDouble(p -> Math.max(p.offered(), p.achieved())).max().orElse(1) * 1.08;
        double maxY = Stream.concat(ward.stream(), baseline.stream()).mapToDouble(Point::achieved).max().orElse(1) * 1.1;
        double maxLatency = Stream.concat(ward.stream(), baseline.stream()).mapToDouble(Point::p99).max().orElse(1);
        Panel throughput = new Panel(g, 80, 60, 560, 400, maxX, maxY, false,
                "Throughput (msg/s acknowledged)", "offered load (msg/s)", "msg/s");
        Panel latency = new Panel(g, 780, 60, 560, 400, maxX, Math.max(10, maxLatency * 2), true,
                "ACK latency p99 (ms, log scale)", "offered load (msg/s)", "ms");
        throughput.axes();
        latency.axes();
        throughput.line(List.of(new double[] {0, 0}, new double[] {maxX, maxX}), new Color(0xAAAAAA), true);
        latency.line(List.of(new double[] {0, 10}, new double[] {maxX, 10}), new Color(0xAAAAAA), true);
        g.setColor(new Color(0x777777));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        latency.label(maxX, 10, "10 ms target", -90, -6);
        for (var series : List.of(Map.entry(baseline, BASELINE), Map.entry(ward, WARD))) {
            List<Point> open = series.getKey().stream().filter(p -> p.offered() > 0)
                    .sorted(Comparator.comparingDouble(Point::offered)).toList();
            throughput.line(open.stream().map(p -> new double[] {p.offered(), p.achieved()}).toList(), series.getValue(), false);
            latency.line(open.stream().map(p -> new double[] {p.offered(), p.p99()}).toList(), series.getValue(), false);
            for (Point p : series.getKey()) {
                boolean closed = p.offered() <= 0;
                double x = closed ? p.achieved() : p.offered();
                throughput.marker(x, p.achieved(), series.getValue(), closed);
                latency.marker(x, p.p99(), series.getValue(), closed);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        legend(g, 90, 548, WARD, "Ward, full pipeline (mutual TLS, validation, policy, journal, audit, delivery)");
        legend(g, 780, 548, BASELINE, "baseline: bare camel-netty MLLP, no TLS, AA at once");
        g.setColor(Color.DARK_GRAY);
        g.drawString("filled: open loop at the offered rate;  hollow: closed loop (16 connections, as fast as ACKs"
                + " return), drawn at the rate reached", 90, 580);
        g.dispose();
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(image, "png", out.toFile());
        System.out.println("wrote " + out + " (" + ward.size() + " Ward points, " + baseline.size() + " baseline points)");
    }

    private static void legend(Graphics2D g, int x, int y, Color color, String text) {
        g.setColor(color);
        g.fillOval(x, y - 10, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 16, y);
    }

    @SuppressWarnings("unchecked")
    private static Point point(Object result) {
        Map<String, Object> r = (Map<String, Object>) result;
        Map<String, Object> latency = (Map<String, Object>) r.get("latencyMillis");
        return new Point(((Number) r.get("offeredRate")).doubleValue(), ((Number) r.get("messagesPerSecond")).doubleValue(),
                ((Number) latency.get("p99")).doubleValue());
    }

    /** The JSON object in {@code file}; empty when the file holds none (a run that failed to report). */
    private static Map<String, Object> read(Path file) throws IOException {
        if (Files.size(file) == 0) {
            return Map.of();
        }
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            return parser.nextToken() == JsonToken.START_OBJECT ? object(parser) : Map.of();
        }
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            map.put(name, switch (value) {
                case START_OBJECT -> object(parser);
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
                case START_ARRAY -> {
                    parser.skipChildren();
                    yield List.of();
                }
                default -> parser.getText();
            });
        }
        return map;
    }

    /** One chart: linear x from 0, linear or log10 y. */
    private static final class Panel {
        private final Graphics2D g;
        private final int left;
        private final int top;
        private final int width;
        private final int height;
        private final double maxX;
        private final double maxY;
        private final boolean logY;
        private final double minLogY = 0.1;
        private final String title;
        private final String xLabel;
        private final String yUnit;

        Panel(Graphics2D g, int left, int top, int width, int height, double maxX, double maxY, boolean logY,
              String title, String xLabel, String yUnit) {
            this.g = g;
            this.left = left;
            this.top = top;
            this.width = width;
            this.height = height;
            this.maxX = maxX;
            this.maxY = maxY;
            this.logY = logY;
            this.title = title;
            this.xLabel = xLabel;
            this.yUnit = yUnit;
        }

        int x(double value) {
            return left + (int) Math.round(value / maxX * width);
        }

        int y(double value) {
            double fraction = logY
                    ? (Math.log10(Math.max(value, minLogY)) - Math.log10(minLogY)) / (Math.log10(maxY) - Math.log10(minLogY))
                    : value / maxY;
            return top + height - (int) Math.round(fraction * height);
        }

        void axes() {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, left, top - 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawRect(left, top, width, height);
            double xStep = niceStep(maxX / 6);
            for (double v = 0; v <= maxX; v += xStep) {
                g.setColor(new Color(0xEEEEEE));
                g.drawLine(x(v), top, x(v), top + height);
                g.setColor(Color.BLACK);
                String text = String.format("%,.0f", v);
                g.drawString(text, x(v) - g.getFontMetrics().stringWidth(text) / 2, top + height + 16);
            }
            g.drawString(xLabel, left + width / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, top + height + 34);
            List<Double> ticks = new ArrayList<>();
            if (logY) {
                for (double v = minLogY; v <= maxY * 1.0001; v *= 10) {
                    ticks.add(v);
                }
            } else {
                double yStep = niceStep(maxY / 6);
                for (double v = 0; v <= maxY; v += yStep) {
                    ticks.add(v);
                }
            }
            for (double v : ticks) {
                g.setColor(new Color(0xEEEEEE));
                g.drawLine(left, y(v), left + width, y(v));
                g.setColor(Color.BLACK);
                String text = v > 0 && v < 1 ? String.format("%.1f", v) : String.format("%,.0f", v);
                g.drawString(text, left - 8 - g.getFontMetrics().stringWidth(text), y(v) + 4);
            }
            g.drawString(yUnit, left - 50, top - 4);
        }

        void line(List<double[]> points, Color color, boolean dashed) {
            if (points.size() < 2) {
                return;
            }
            Path2D path = new Path2D.Double();
            path.moveTo(x(points.get(0)[0]), y(points.get(0)[1]));
            for (double[] p : points.subList(1, points.size())) {
                path.lineTo(x(p[0]), y(p[1]));
            }
            g.setColor(color);
            g.setStroke(dashed ? new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0)
                    : new BasicStroke(2.5f));
            g.draw(path);
            g.setStroke(new BasicStroke(1));
        }

        void marker(double xValue, double yValue, Color color, boolean hollow) {
            g.setColor(color);
            int r = 6;
            if (hollow) {
                g.setStroke(new BasicStroke(2.5f));
                g.drawOval(x(xValue) - r, y(yValue) - r, 2 * r, 2 * r);
                g.setStroke(new BasicStroke(1));
            } else {
                g.fillOval(x(xValue) - r, y(yValue) - r, 2 * r, 2 * r);
            }
        }

        void label(double xValue, double yValue, String text, int dx, int dy) {
            g.drawString(text, x(xValue) + dx, y(yValue) + dy);
        }

        private static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (m * magnitude >= raw) {
                    return m * magnitude;
                }
            }
            return 10 * magnitude;
        }
    }
}
