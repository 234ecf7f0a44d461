//! `render::discord::Reply` → serenity builders. Every message goes out with allowed mentions
//! that parse nothing, so an `@everyone` in a question or an excerpt pings no one.

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedAuthor, CreateEmbedFooter, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, EditInteractionResponse,
};

use crate::render::discord::{Embed, Reply};

/// Mentions nobody, not even the author of the message replied to.
pub fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new().replied_user(false)
}

fn embed(embed: &Embed) -> CreateEmbed {
    let mut out = CreateEmbed::new();
    if let Some(title) = &embed.title {
        out = out.title(title);
    }
    if let Some(description) = &embed.description {
        out = out.description(description);
    }
    if let Some(url) = &embed.url {
        out = out.url(url);
    }
    if let Some(author) = &embed.author {
        out = out.author(CreateEmbedAuthor::new(author));
    }
    if let Some(footer) = &embed.footer {
        out = out.footer(CreateEmbedFooter::new(footer));
    }
    if let Some(colour) = embed.colour {
        out = out.colour(colour);
    }
    out.fields(
        embed
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.value.clone(), f.inline)),
    )
}

fn embeds(reply: &Reply) -> Vec<CreateEmbed> {
    reply.embeds.iter().map(embed).collect()
}

fn rows(reply: &Reply) -> Vec<CreateActionRow> {
    reply
        .rows
        .iter()
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .map(|b| {
                        CreateButton::new(b.custom_id.clone())
                            .label(b.label.clone())
                            .style(ButtonStyle::Secondary)
                    })
                    .collect(),
            )
        })
        .collect()
}

/// The reply as an interaction response message.
pub fn response_message(reply: &Reply) -> CreateInteractionResponseMessage {
    let mut message = CreateInteractionResponseMessage::new()
        .embeds(embeds(reply))
        .components(rows(reply))
        .ephemeral(reply.ephemeral)
        .allowed_mentions(no_mentions());
    if let Some(content) = &reply.content {
        message = message.content(content);
    }
    message
}

/// The reply as an immediate interaction response.
pub fn response(reply: &Reply) -> CreateInteractionResponse {
    CreateInteractionResponse::Message(response_message(reply))
}

/// The reply as the edit of a deferred response.
pub fn edit(reply: &Reply) -> EditInteractionResponse {
    let mut edit = EditInteractionResponse::new()
        .embeds(embeds(reply))
        .components(rows(reply))
        .allowed_mentions(no_mentions());
    if let Some(content) = &reply.content {
        edit = edit.content(content);
    }
    edit
}

/// The reply as a channel message.
pub fn message(reply: &Reply) -> CreateMessage {
    let mut message = CreateMessage::new()
        .embeds(embeds(reply))
        .components(rows(reply))
        .allowed_mentions(no_mentions());
    if let Some(content) = &reply.content {
        message = message.content(content);
    }
    message
}
