//! `render::discord::Reply` → serenity builders. Every message goes out with allowed mentions
//! that parse nothing, so an `@everyone` in a question or an excerpt pings no one.

use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedAuthor, CreateEmbedFooter, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption, EditInteractionResponse, ReactionType,
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
    let button = |b: &crate::render::discord::Button| {
        let mut button = CreateButton::new(b.custom_id.clone()).style(ButtonStyle::Secondary);
        if !b.label.is_empty() {
            button = button.label(b.label.clone());
        }
        if let Some(emoji) = &b.emoji {
            button = button.emoji(ReactionType::Unicode(emoji.clone()));
        }
        button
    };
    let mut rows: Vec<CreateActionRow> = reply
        .rows
        .iter()
        .map(|row| CreateActionRow::Buttons(row.iter().map(button).collect()))
        .collect();
    if let Some(select) = &reply.select {
        let options = select
            .options
            .iter()
            .map(|(value, label)| CreateSelectMenuOption::new(label.clone(), value.clone()))
            .collect();
        rows.push(CreateActionRow::SelectMenu(
            CreateSelectMenu::new(
                select.custom_id.clone(),
                CreateSelectMenuKind::String { options },
            )
            .placeholder(select.placeholder.clone()),
        ));
    }
    rows
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
