package dev.ares.matching;

import java.util.Locale;

/** The kind of an asset in a product's gallery, as {@code asset_format} on the wire. */
public enum AssetFormat {
  /** A picture: {@code "image"}. */
  IMAGE,
  /** A video: {@code "video"}. */
  VIDEO;

  /** The wire name, {@code image} or {@code video}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format of a wire name, case-insensitive.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static AssetFormat fromWireName(String name) {
    for (AssetFormat f : values()) {
      if (f.wireName().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("asset_format must be image or video");
  }

  /** The format of an asset: {@code video} when its {@code dc:format} is a video type. */
  public static AssetFormat of(Asset asset) {
    Object format = asset.metadata().get("dc:format");
    return format instanceof String text && text.toLowerCase(Locale.ROOT).startsWith("video/")
        ? VIDEO
        : IMAGE;
  }
}
